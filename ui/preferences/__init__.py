"""Preferences: the dialog that edits the settings, and the window layout kept between runs."""
