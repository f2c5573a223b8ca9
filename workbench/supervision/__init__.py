"""Supervision sessions: question sets, agenda, case discussions, scales, actions, reflections.

Every service takes a :class:`~workbench.supervision.context.SupervisionContext` first and
is one short transaction that appends its audit event; the read models in
:mod:`workbench.supervision.views` come from :func:`~workbench.supervision.loading.load_session`.
"""
