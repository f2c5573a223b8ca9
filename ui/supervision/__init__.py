"""The supervision screens: start a session, edit its agenda, discuss each child as a guided
flow, the worker's part, ready to sign; and worker mode, where a worker prepares reflections.

Everything typed is saved as it is typed (:mod:`ui.supervision.saving`): a field is written a
moment after typing pauses, at most about a second after its first unsaved change, when it
loses focus, when the page changes and when the window closes. Writes go through the
supervision services, one at a time and in order, off the UI thread.
"""
