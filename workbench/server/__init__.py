"""A team server: PostgreSQL that enforces the workbench's roles itself.

Each person has their own PostgreSQL login; the schema belongs to an owner role nobody logs in
as; row-level security, column privileges and guard triggers refuse what the services refuse;
the audit trail is sealed by the server. See :mod:`workbench.server.sql` for the rules and
:mod:`workbench.server.audit_sql` for the server's audit chain.
"""

from workbench.server.setup import (
    DEFAULT_APP,
    DEFAULT_OWNER,
    InitReport,
    ServerSetupError,
    add_login,
    init_server,
    remove_login,
)

__all__ = ["DEFAULT_APP", "DEFAULT_OWNER", "InitReport", "ServerSetupError", "add_login",
           "init_server", "remove_login"]
