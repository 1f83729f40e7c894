"""The rule data (``rules``) and the change sets that change it (``changesets``)."""

from .changesets import ChangeSet
from .rules import (
    COUNTRY_CODE,
    NOC_CODE,
    PROVINCE_LEVEL_REGIONS,
    CategoryRule,
    Country,
    EffectiveDated,
    Listing,
    Noc2016Link,
    Regulation,
    RulesStamp,
    UnitGroup,
    WageRate,
    validate_country_code,
    validate_credential_list,
    validate_noc_code,
    validate_teer_list,
)

# The rule tables that change sets govern, in the order the engine reads them.
RULE_MODELS = (Country, CategoryRule, Listing, Regulation, WageRate)

__all__ = [
    "COUNTRY_CODE", "NOC_CODE", "PROVINCE_LEVEL_REGIONS", "RULE_MODELS", "CategoryRule", "ChangeSet", "Country",
    "EffectiveDated", "Listing", "Noc2016Link", "Regulation", "RulesStamp", "UnitGroup", "WageRate",
    "validate_country_code", "validate_credential_list", "validate_noc_code", "validate_teer_list",
]
