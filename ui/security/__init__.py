"""Signing in, the idle lock and the scheduled backup in the desktop app."""
