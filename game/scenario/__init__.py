"""The scenario format (``model``), its loader and validator, and the authoring tools built on it
(JSON Schema, format reference, variants, scaffold). It knows nothing of the rules.
"""
