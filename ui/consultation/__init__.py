"""The case consultation screens: starting one, its steps, and the projector view."""
