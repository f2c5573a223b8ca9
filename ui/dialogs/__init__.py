"""Dialogs: each opens with ``open()``, deletes itself on close and hands back a typed result."""
