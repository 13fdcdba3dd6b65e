"""All business rules: one module per aggregate, one public async function per action.

Importing any resolver runs this module first, and it loads every aggregate's error codes, so
`RegistrarError("<code>")` resolves any registered code in every process that serves requests
(see `registrar.errors`).
"""

from registrar.resolvers.agreements.errors import AgreementError
from registrar.resolvers.auth.errors import AuthError
from registrar.resolvers.contacts.errors import ContactError
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.hosts.errors import HostError
from registrar.resolvers.operations.errors import OperationError
from registrar.resolvers.operator.errors import OperatorError
from registrar.resolvers.pricing.errors import PricingError
from registrar.resolvers.registry.errors import RegistryError
from registrar.resolvers.tenancy.errors import TenancyError

AGGREGATE_ERRORS = (
    AuthError,
    TenancyError,
    RegistryError,
    PricingError,
    AgreementError,
    ContactError,
    HostError,
    DomainError,
    OperationError,
    OperatorError,
)
"""Every aggregate's code enum; `registrar.errors` declares the shared ones."""
