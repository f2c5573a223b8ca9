"""Signing identities and sign-off: who signs a supervision record, and what their signature covers.

``identity``: keys and certificates (team signing authority, person certificates, PKCS#12 import);
``content``: the canonical serialisation of a session that a signature covers;
``signoff``: the sign-off service (approve, countersign, disagree, addendum) and record checks.
"""
