"""Qt item models: thin adapters over rows the services return, formatted once."""
