"""Sign-off screens: the supervisor signs, the worker countersigns or records disagreement, and
signed addenda correct a signed record (workbench.signing does the work)."""
