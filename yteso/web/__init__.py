"""Web pages of the public-services system (Dịch vụ công): citizens browse procedures, apply, follow
and pay for their dossiers; officers work their queue; managers read the Decision 766 dashboard.

Pages call the same service functions as the API (``yteso.services``); see docs/web.md.
"""
