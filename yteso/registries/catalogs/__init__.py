"""National catalogs as CodeSystem + ValueSet, a concept table for fast lookups, and the terminology
operations ``$lookup``, ``$validate-code`` and ``$expand``."""
