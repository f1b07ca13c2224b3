"""Claims dossier (hồ sơ XML 4750) → FHIR R4, with the identifier systems of the VN Core IG.

Pure code, no database: :func:`demographics` says who the dossier is about (for patient
linking), :func:`patient_resource` builds that Patient, :func:`map_dossier` every other resource
of the visit with ids from :func:`resource_id`, so a re-sent dossier updates, never duplicates.
The field-by-field table is docs/gateway-mapping.md.
"""

from yteso.gateway.mapping.dossier import map_dossier
from yteso.gateway.mapping.keys import resource_id
from yteso.gateway.mapping.patient import Demographics, demographics, patient_resource

__all__ = ["Demographics", "demographics", "map_dossier", "patient_resource", "resource_id"]
