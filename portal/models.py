"""Every model, imported in one place so the metadata (for Alembic) and the
string-named relationships are complete whichever module is imported first."""
from portal.audit.models import AuditEvent  # noqa: F401
from portal.auth.models import Identity, User, UserSession  # noqa: F401
from portal.members.models import Invitation, Membership  # noqa: F401
from portal.orgs.models import Organization  # noqa: F401
from portal.races.models import Candidate, Race  # noqa: F401
from portal.tables.models import CoalitionTable, TableFacilitator, TablePartner  # noqa: F401
from portal.sso.models import AccessRequest, IdentityProvider, MappingRule, ProviderDomain  # noqa: F401
from portal.declarations.models import ApprovalPolicy, Declaration, DeclarationRevision  # noqa: F401
from portal.notifications.models import Notification  # noqa: F401
from portal.facilitator.models import CriticalMassState  # noqa: F401
import portal.workgroups.models  # noqa: F401,E402
import portal.profiles.models  # noqa: F401,E402
import portal.meetings.models  # noqa: F401,E402
import portal.calendars.models  # noqa: F401,E402
