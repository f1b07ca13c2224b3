"""Master patient index (chỉ mục bệnh nhân chủ): match, link, review, merge and batch cleaning.

Other packages use :mod:`yteso.identity.mpi.service` (``match``, ``link``, ``list_reviews``,
``decide_review``, ``merge_patients``, ``unmerge_patients``); the batch cleaner is
:func:`yteso.identity.mpi.clean.clean_file` with a source from :mod:`.popindex` or :mod:`.remote`.
How it works: docs/mpi.md.
"""
