"""Group supervision: the case consultation (a presenter, a facilitator, a group, one family).

A consultation is a supervision session of kind ``group_consultation``; see
:mod:`db.models.consultation` for what it adds, :mod:`.service` for what can be done with it
and who may, :mod:`.board` for the private scales and their spread, and :mod:`.content` for
what its signed record holds.
"""
