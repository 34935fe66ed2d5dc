"""Every permission and tenancy decision of the portal lives in this package.

- roles.py      the role table and the cascade rule
- policy.py     can(user, action, target) / explain(...) and the action table
- scoping.py    query filters every read of organization-owned rows goes through
- decorators.py @requires("domain.verb", load=...) and @public for views
- wall.py       the login wall and default-deny for undeclared routes

Import from the submodules: models import roles.py, and policy.py imports the
models, so this file stays empty to keep the import graph acyclic.
"""
