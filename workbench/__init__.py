"""The domain and its services. No Qt here: the UI floor sits on top of this one."""
