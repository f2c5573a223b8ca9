"""The admin screens (admins only): people, teams, roles, supervisors, enrolment codes and the
signing authority."""
