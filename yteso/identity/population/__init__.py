"""National population database (CSDLQG về dân cư): client, reference server, synthetic data.

Public surface: :class:`PopulationClient` (with :class:`VerifyItem`, :class:`Verification`),
:class:`PopulationUnavailable`, :class:`Citizen`, :func:`create_population_app`, :func:`write_csv`.
"""

from yteso.identity.population.client import PopulationClient, Verification, VerifyItem
from yteso.identity.population.errors import PopulationProtocolError, PopulationUnavailable
from yteso.identity.population.models import CSV_HEADER, Citizen

__all__ = [
    "CSV_HEADER",
    "Citizen",
    "PopulationClient",
    "PopulationProtocolError",
    "PopulationUnavailable",
    "Verification",
    "VerifyItem",
]
