"""The Oversight screen: supervision against policy for practice leads and team managers."""
