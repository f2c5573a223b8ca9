"""The Admin screen: people, teams, roles, supervisors, enrolment codes (admins only)."""
