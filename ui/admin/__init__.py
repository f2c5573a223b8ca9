"""The admin screens: staff, passphrases and the signing authority."""
