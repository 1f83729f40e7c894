"""The rule DATA: who the commitments cover, the occupation lists and the reference tables.

Every rule row is effective-dated (``valid_from`` to ``valid_to``, both inclusive; an empty
``valid_to`` means no end) and cites its source. ``eligibility.snapshot`` reads the rows in force
on a date into the engine's ``RuleSet``.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast, Substr
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import choices

NOC_CODE = re.compile(r"^[0-9]{5}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def validate_noc_code(value: str) -> None:
    if not NOC_CODE.match(value or ""):
        raise ValidationError(_("A NOC 2021 code is 5 digits, e.g. 21231."), code="noc_code")


def validate_country_code(value: str) -> None:
    if not COUNTRY_CODE.match(value or ""):
        raise ValidationError(_("A country code is 2 capital letters (ISO 3166-1), e.g. AU."), code="country")


def validate_credential_list(value) -> None:
    known = {c for c, _label in choices.choices(choices.CREDENTIAL)}
    if not isinstance(value, list) or any(v not in known for v in value):
        raise ValidationError(
            _("Give a list of credential codes from: %(known)s."), params={"known": ", ".join(sorted(known))}
        )


def validate_teer_list(value) -> None:
    if not isinstance(value, list) or any(not isinstance(v, int) or not 0 <= v <= 5 for v in value):
        raise ValidationError(_("Give a list of TEER categories, whole numbers from 0 to 5."))


class EffectiveDated(models.Model):
    """A rule row: in force from ``valid_from`` to ``valid_to`` (inclusive), part of a change set.

    A row of a published change set is never changed again (the database refuses it). A later
    change set changes it by a row that ``replaces`` it, or removes it by a row that ``replaces``
    it with ``removes`` set: the replaced row is in force until the day before the replacing row
    starts. A draft row is edited by one rules admin at a time (``revision``, see the admin)."""

    valid_from = models.DateField(
        _("in force from"),
        help_text=_("When the change set is approved, a date before the day it takes effect becomes that day."),
    )
    valid_to = models.DateField(
        _("in force until"), null=True, blank=True,
        help_text=_("The last day the row is in force (inclusive). Leave empty for no end."),
    )
    source = models.CharField(
        _("provenance (internal)"), max_length=300,
        help_text=_("Where the row comes from, for rules admins: the part of the instructions or the data set, "
                    "with any internal reference (a data file's ids, a note on how a clause was read). Never shown "
                    "to officers or applicants: pages, notes and letters show the citation below."),
    )
    # What pages, notes and letters show as the row's source, in each language (docs/decisions/0008).
    # Outside the rules version: a citation's words change no assessment.
    citation_en = models.CharField(
        _("citation (English)"), max_length=300,
        help_text=_("The row's source as a reader would cite it, e.g. \"Country-specific occupations › Japan › "
                    "Technicians\" or \"Job Bank, wages 2025, Windsor–Sarnia\". No internal references."),
    )
    citation_fr = models.CharField(
        _("citation (French)"), max_length=300,
        help_text=_("The same citation as the French instructions or data set word it, e.g. \"Professions propres "
                    "à chaque pays › Japon › Techniciens\"."),
    )
    change_set = models.ForeignKey("occupations.ChangeSet", on_delete=models.PROTECT, related_name="%(class)s_rows",
                                   verbose_name=_("change set"))
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by",
                                 verbose_name=_("replaces"),
                                 help_text=_("The published row this one changes or removes."))
    removes = models.BooleanField(_("removes the row it replaces"), default=False)
    published = models.BooleanField(_("published"), default=False, editable=False)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    history = HistoricalRecords(inherit=True)

    # The fields that say which rule a row is: two rows with the same key must not be in force on
    # the same day (validated in the admin, see ``overlapping``).
    RULE_KEY: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.revision += 1  # what the admin checks to refuse a second, stale save
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})

    @classmethod
    def in_force_on(cls, day):
        """Published rows in force on ``day``: started, not ended, not replaced by then."""
        replaced = cls.objects.filter(replaces=OuterRef("pk"), published=True, valid_from__lte=day)
        return (cls.objects.filter(published=True, removes=False, valid_from__lte=day)
                .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
                .filter(~Exists(replaced)))

    def rule_key(self) -> dict:
        return {name: getattr(self, name) for name in self.RULE_KEY}


class Country(EffectiveDated):
    """A party to the commitments on professionals and technicians."""

    RULE_KEY = ("code",)

    code = models.CharField(_("country code"), max_length=2, validators=[validate_country_code])
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    permanent_residents_eligible = models.BooleanField(
        _("permanent residents qualify as principals"), default=False
    )
    spouse_owp_citizens = models.BooleanField(_("spouses of citizens get an open work permit (T53)"), default=True)
    spouse_owp_permanent_residents = models.BooleanField(
        _("spouses of permanent residents get an open work permit (T53)"), default=False
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code", "valid_from"]
        indexes = [models.Index(fields=["code", "valid_from"])]

    def __str__(self):
        # Shown in the admin's lists and choices: the name in the page's language.
        return f"{self.code} {self.name_fr if (get_language() or '').startswith('fr') else self.name_en}"


class UnitGroup(models.Model):
    """A NOC 2021 unit group. TEER is the code's second digit, computed by the database."""

    code = models.CharField(_("NOC 2021 code"), max_length=5, unique=True, validators=[validate_noc_code])
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    teer = models.GeneratedField(
        expression=Cast(Substr("code", 2, 1), models.PositiveSmallIntegerField()),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("TEER"),
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NOC 2021 unit group")
        verbose_name_plural = _("NOC 2021 unit groups")
        ordering = ["code"]

    def __str__(self):
        # Shown in the admin's lists and choices: the title in the page's language, where on file.
        return f"{self.code} {self.title_fr if (get_language() or '').startswith('fr') and self.title_fr else self.title_en}"


class Noc2016Link(models.Model):
    """Statistics Canada's concordance: a NOC 2016 unit group and the 2021 group it went to."""

    noc2016_code = models.CharField(_("NOC 2016 code"), max_length=4)
    noc2016_title = models.CharField(_("NOC 2016 title"), max_length=200)
    change_type = models.CharField(_("type of change"), max_length=200, blank=True)
    unit_group = models.ForeignKey(
        UnitGroup, on_delete=models.CASCADE, to_field="code", db_column="noc2021_code",
        related_name="noc2016_links", verbose_name=_("NOC 2021 unit group"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("NOC 2016 to 2021 link")
        verbose_name_plural = _("NOC 2016 to 2021 concordance")
        ordering = ["noc2016_code", "unit_group"]
        constraints = [
            models.UniqueConstraint(fields=["noc2016_code", "unit_group"], name="noc2016_link_unique"),
        ]

    def __str__(self):
        return f"{self.noc2016_code} → {self.unit_group_id}"


class CategoryRule(EffectiveDated):
    """Education, experience and stay parameters for a country and category.

    A row with no country holds the general criteria, used for a country with no rules of its
    own (it is then refused on status, but every criterion is still worked out)."""

    RULE_KEY = ("country_code", "category")

    country_code = models.CharField(
        _("country code"), max_length=2, blank=True, validators=[validate_country_code],
        help_text=_("Leave empty for the general criteria that apply to every country."),
    )
    category = models.CharField(_("category"), max_length=20, choices=choices.choices(choices.CATEGORY))
    min_study_years = models.DecimalField(_("minimum years of post-secondary study"), max_digits=3, decimal_places=1)
    accepted_credentials = models.JSONField(
        _("accepted credentials"), default=list, validators=[validate_credential_list]
    )
    judgement_credentials = models.JSONField(
        _("credentials whose equivalence the officer judges"), default=list, blank=True,
        validators=[validate_credential_list],
    )
    min_experience_months = models.PositiveSmallIntegerField(_("minimum months of paid experience"))
    length_of_stay_months = models.PositiveSmallIntegerField(_("length of stay (months)"), default=12)
    eligible_teers = models.JSONField(
        _("eligible TEER categories"), default=list, blank=True, validators=[validate_teer_list],
        help_text=_("For professionals, the TEER categories open to all except the exclusions. "
                    "Leave empty where only the permitted list counts."),
    )
    equivalence_country = models.CharField(
        _("equivalence: country of study"), max_length=2, blank=True, validators=[validate_country_code]
    )
    equivalence_credentials = models.JSONField(
        _("equivalence: credentials"), default=list, blank=True, validators=[validate_credential_list]
    )
    equivalence_min_years = models.DecimalField(
        _("equivalence: minimum years of study"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    equivalence_requires_employer_letter = models.BooleanField(
        _("equivalence: needs the Canadian employer's letter"), default=False
    )
    employer_letter_for_all = models.BooleanField(
        _("every applicant needs the Canadian employer's letter"), default=False,
        help_text=_("On: every applicant of this country and category needs a letter from the Canadian client or "
                    "employer accepting their qualifications, whatever the degree (how the instructions' \"Australian "
                    "professionals also require a letter\" is read by default). Off: only those on the equivalence "
                    "route, if it needs the letter."),
    )

    class Meta:
        verbose_name = _("category rule")
        verbose_name_plural = _("category rules")
        ordering = ["country_code", "category", "valid_from"]

    def __str__(self):
        return f"{self.country_code or '*'} {self.category}"


class Listing(EffectiveDated):
    """An entry of a country's occupation list: a permitted occupation or an exclusion."""

    RULE_KEY = ("country_code", "category", "kind", "unit_group_id", "only_if", "unless")

    country_code = models.CharField(_("country code"), max_length=2, validators=[validate_country_code])
    category = models.CharField(_("category"), max_length=20, choices=choices.choices(choices.CATEGORY))
    kind = models.CharField(_("kind"), max_length=10, choices=choices.choices(choices.LISTING_KIND))
    unit_group = models.ForeignKey(
        UnitGroup, on_delete=models.PROTECT, to_field="code", db_column="noc_code", null=True, blank=True,
        verbose_name=_("NOC 2021 unit group"),
        help_text=_("Leave empty for an entry that covers every occupation (e.g. Japan's researchers)."),
    )
    only_if = models.CharField(
        _("applies only if"), max_length=30, blank=True, choices=choices.choices(choices.POSITION_QUESTION)
    )
    unless = models.CharField(
        _("does not apply if"), max_length=30, blank=True, choices=choices.choices(choices.POSITION_QUESTION)
    )
    wording = models.CharField(_("wording in the instructions (English)"), max_length=300)
    wording_fr = models.CharField(
        _("wording in the instructions (French)"), max_length=300,
        help_text=_("The same entry as the French instructions word it, in IRCC's terms (the NOC 2021 French title "
                    "where the entry names an occupation). Shown on French pages, notes and letters."),
    )
    judgement = models.CharField(
        _("officer's judgement"), max_length=50, blank=True, choices=choices.choices(choices.LISTING_JUDGEMENT),
        help_text=_("The clause does not plainly cover this unit group: the entry applies only when the officer "
                    "answers yes to this question, and the occupation is undetermined until they answer."),
    )
    officer_confirms = models.BooleanField(
        _("officer confirms the match (superseded)"), default=False,
        help_text=_("Superseded by the officer's judgement; rows published before it read as the question whether "
                    "the position is the occupation the list names."),
    )
    needs_review = models.BooleanField(
        _("mapping needs review"), default=False,
        help_text=_("The instructions' wording does not name this NOC 2021 group plainly."),
    )
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("occupation list entry")
        verbose_name_plural = _("occupation list entries")
        ordering = ["country_code", "category", "kind", "unit_group"]

    def __str__(self):
        return f"{self.country_code} {self.category} {self.kind} {self.unit_group_id or '*'}"


class Regulation(EffectiveDated):
    """Whether an occupation is regulated in a province or territory, where a source says so."""

    RULE_KEY = ("unit_group_id", "province")

    unit_group = models.ForeignKey(
        UnitGroup, on_delete=models.PROTECT, to_field="code", db_column="noc_code",
        verbose_name=_("NOC 2021 unit group"),
    )
    province = models.CharField(_("province or territory"), max_length=2, choices=choices.choices(choices.PROVINCE))
    regulated = models.BooleanField(_("regulated"))
    regulator = models.CharField(_("regulator (English)"), max_length=200, blank=True)
    regulator_fr = models.CharField(_("regulator (French)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("regulation entry")
        verbose_name_plural = _("regulation table")
        ordering = ["unit_group", "province", "valid_from"]

    def __str__(self):
        return f"{self.unit_group_id} {self.province}"

    def clean(self):
        super().clean()
        if bool(self.regulator) != bool(self.regulator_fr):
            missing = "regulator_fr" if self.regulator else "regulator"
            raise ValidationError({missing: _("Give the regulator in both English and French, or in neither.")})


# Job Bank's region codes for Canada and each province or territory as a whole (the 2025 release).
PROVINCE_LEVEL_REGIONS = {
    "ER00", "ER10", "ER1110", "ER12", "ER13", "ER24", "ER35", "ER46", "ER47", "ER48", "ER59",
    "ER6010", "ER6110", "ER6210",
}


class WageRate(EffectiveDated):
    """A Job Bank wage: low, median and high for a NOC in Canada, a province or an economic region.

    Blank figures were not published; they are never zero."""

    RULE_KEY = ("unit_group_id", "province", "region_code")

    unit_group = models.ForeignKey(
        UnitGroup, on_delete=models.PROTECT, to_field="code", db_column="noc_code",
        verbose_name=_("NOC 2021 unit group"),
    )
    province = models.CharField(_("province or territory (NAT for Canada)"), max_length=3)
    region_code = models.CharField(_("economic region code"), max_length=8)
    region_name = models.CharField(_("economic region"), max_length=100)
    low = models.DecimalField(_("low wage"), max_digits=9, decimal_places=2, null=True, blank=True)
    median = models.DecimalField(_("median wage"), max_digits=9, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(_("high wage"), max_digits=9, decimal_places=2, null=True, blank=True)
    annual = models.BooleanField(_("figures are annual"), default=False)
    reference_period = models.CharField(_("reference period"), max_length=20)

    class Meta:
        verbose_name = _("wage rate")
        verbose_name_plural = _("wage table")
        ordering = ["unit_group", "province", "region_code"]
        indexes = [models.Index(fields=["unit_group", "province"])]

    def __str__(self):
        return f"{self.unit_group_id} {self.region_code}"

    @property
    def province_level(self) -> bool:
        return self.region_code in PROVINCE_LEVEL_REGIONS


class RulesStamp(models.Model):
    """One row whose token changes whenever rule data is saved or deleted (see ``signals``), so
    every process can tell in one cheap query whether the rules it holds in memory are current.
    A fresh random token, not a counter: a rolled-back change must never be mistaken for a later
    one. Bulk ``QuerySet.update`` bypasses the signals; code that uses it calls ``bump``."""

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("rules stamp")

    def __str__(self):
        return str(self.token)

    @classmethod
    def bump(cls) -> None:
        cls.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("token", flat=True).first()
