"""``manage.py seed_demo_decisions N``: N realistic synthetic decisions, for demos and benchmarks.

    DEBUG=true python manage.py seed_demo_decisions 1000000 [--seed 52] [--officers 12] [--cases 400]
                                                            [--until YYYY-MM-DD] [--batch 2000]

Real facts and working, cheaply: a few hundred distinct cases are generated from the rule data
(the seed's occupation lists and the NOC 2021 unit groups) and assessed by the engine against the
rules in force on each receipt date (``rulebook.assess`` with the rule set of that date, once per
case and rule-set version); each row reuses one of those assessments under its own identity,
dates and officer, so replaying any row gives back its stored working. The officer's decision
follows the indicative outcome most of the time; departures carry a reason and enter the review
queue, as does a share of the others (the sampling policy's share). Reviews older than a few days
are concluded (concur, disagree on named criteria, return); a returned decision is usually
amended later by a correction, which is one of the N rows.

Rows are recorded on working days between 8:30 and 16:30 (Toronto) over the two years before
``--until`` (default today), with ids given here and written with ``bulk_create`` in batches, in
one transaction (``bulk_create`` sends no ``decision_recorded`` signal: the review items are made
here, and the reports' tallies are rebuilt at the end). Decisions' ``bulk_create`` appends each batch
to the hash chain in the order given (``eligibility.models.chain``), as recording one does. The
same ``--seed`` and ``--until`` on the same database give the same rows. Demo officers ``officer-demo-1..k`` and supervisors
``supervisor-demo-1..3`` are created when missing, with no usable password. Refused unless DEBUG is on: demo decisions never belong in a real database.
"""

import heapq
import random
import time as clock
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, reset_queries, transaction
from django.db.models import Max, Value
from django.utils import timezone

from config.roles import OFFICER, SUPERVISOR
from eligibility import rulebook
from eligibility.casefile import case_dict, parse_case
from eligibility.choices import DepartureReason, OfficerDecision, PlaceOfApplication, Source
from eligibility.models import Decision, criteria_not_met
from eligibility.rulebook.codes import Outcome
from eligibility.rulebook.counting import add_months, permit_valid_until
from eligibility.services import departs_from
from eligibility.snapshot import RuleHistory
from occupations.models import Listing, UnitGroup
from supervision import tallies
from supervision.models import Review, ReviewItem, SamplingPolicy

WORKDAY_START, WORKDAY_SECONDS = time(8, 30), 8 * 3600
COUNTRIES = {"JP": 33, "MX": 31, "AU": 32, "VN": 1, "NZ": 0.8, "SG": 0.6, "PE": 0.6, "CL": 0.5, "GB": 0.5,
             "MY": 0.3, "BN": 0.2}
PARTIES = ("AU", "JP", "MX")
NAMES = {  # given names, family names (Mexico, Peru and Chile: two family names)
    "JP": ("Hanako Yuki Haruto Sota Yui Aoi Ren Daiki Sakura Kenji Emi Takumi Mei Riku Akira Naoko Hiroshi Kaito "
           "Yuna Hina Rin Koharu Minato Itsuki Asahi Hinata Yuto Mio Saki Kazuki Shota Ayaka Nanami Ryota Misaki "
           "Takeshi Keiko Yoshiko Tomoko Daisuke",
           "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki "
           "Matsumoto Inoue Kimura Hayashi Shimizu Yamaguchi Mori Abe Ikeda Hashimoto Ishikawa Yamashita Ogawa Ishii "
           "Hasegawa Goto Okada Kondo Maeda Fujita Endo Aoki Sakamoto Murakami Ota Kaneko Fujii"),
    "ES": ("María José Guadalupe Juan Fernanda Luis Sofía Carlos Ximena Miguel Valeria Diego Camila Alejandro "
           "Daniela Jorge Regina Santiago Renata Mateo Andrea Sebastián Mariana Emiliano Lucía Leonardo Paula "
           "Rodrigo Natalia Ricardo Gabriela Fernando Isabel Javier Adriana Eduardo Patricia Héctor Verónica Raúl",
           "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores Gómez Morales "
           "Vázquez Reyes Jiménez Torres Díaz Gutiérrez Ruiz Mendoza Aguilar Ortiz Moreno Castillo Romero Álvarez "
           "Méndez Chávez Rivera Juárez Ramos Domínguez Herrera Medina Castro Vargas Guzmán Velázquez Rojas"),
    "EN": ("Olivia Jack Charlotte William Amelia Noah Isla Oliver Mia Thomas Chloe James Grace Lachlan Ruby Lucas "
           "Ava Henry Zoe Leo Ella Harrison Sophie Cooper Matilda Hudson Evie Archie Lily Oscar Harper Ethan Willow "
           "Max Sienna Liam Isabella Samuel Emily Riley",
           "Smith Jones Williams Brown Wilson Taylor Nguyen Johnson Martin White Anderson Walker Thompson Harris Ryan "
           "O'Brien Lee King Robinson Wright Campbell Clarke Mitchell Young Kelly Scott Murphy Turner Hall Allen "
           "Evans Edwards Hughes Collins Stewart Morris Murray Bennett Cook Hill"),
    "AS": ("An Minh Linh Thu Wei Ming Hui Aisyah Hafiz Nurul Siti Ahmad Jun Mei Kai Ling Bao Duc Hoa Lan Quang "
           "Tuan Farah Irfan Amir Zainab Jia Hao Xin Yi",
           "Nguyen Tran Le Pham Tan Lim Lee Ng Wong Abdullah Rahman Ismail Chua Goh Ong Yusof Hoang Vu Dang Bui "
           "Do Ho Ngo Duong Teo Koh Chan Hamid Osman Aziz"),
}
NAME_SET = {"JP": "JP", "MX": "ES", "PE": "ES", "CL": "ES", "AU": "EN", "NZ": "EN", "GB": "EN"}
EMPLOYERS = ("Maple Leaf Analytics Inc.", "Northern Lights Engineering Ltd.", "Fraser Valley Robotics",
             "Laurentian Health Systems", "Prairie Grid Power", "Bay Street Advisory LLP", "Cascadia Software Corp.",
             "St. Lawrence Marine Services", "Rideau Data Labs", "Okanagan Precision Tooling",
             "Great Lakes Aerospace", "Atlantic Biotech Ltd.")
PROVINCES = {"ON": 30, "BC": 14, "QC": 20, "AB": 12, "MB": 4, "SK": 4, "NS": 3, "NB": 3, "NL": 2, "PE": 1,
             "YT": 1, "NT": 1, "NU": 1}
CREDENTIALS = {"professional": ("bachelor", "bachelor", "bachelor", "master", "master", "doctorate", "diploma"),
               "technician": ("certificate", "diploma", "diploma", "associate", "bachelor", "secondary")}
YEARS = {"secondary": 0, "certificate": 1, "diploma": 2, "associate": 2, "bachelor": 4, "master": 6, "doctorate": 8}
MONTHS = {"professional": (18, 24, 30, 36, 48, 60, 96, 120), "technician": (36, 48, 60, 72, 96, 180)}
# The officer's decision given the indicative outcome: (approve, refuse, request information).
DECISION_WEIGHTS = {Outcome.ELIGIBLE: (92, 3, 5), Outcome.NOT_ELIGIBLE: (4, 88, 8),
                    Outcome.NEEDS_OFFICER_REVIEW: (55, 25, 20)}
DECISIONS = (OfficerDecision.APPROVE, OfficerDecision.REFUSE, OfficerDecision.REQUEST_INFORMATION)
DEPARTURES = {
    DepartureReason.EQUIVALENCE_JUDGED: "Studies judged equivalent on the transcripts and the employer's letter.",
    DepartureReason.EVIDENCE_NOT_CAPTURED: "Reference letters on file show the experience the form did not capture.",
    DepartureReason.GENUINENESS: "The offer's duties do not match the employer's business; genuineness in doubt.",
    DepartureReason.OTHER_REQUIREMENTS: "Admissibility concerns under the Act; see the notes.",
    DepartureReason.OTHER: "Discussed with the team lead; the reasons are in the notes.",
}
NOTES = ("", "", "", "Documents verified against the originals.", "Interview held by video.",
         "Employer confirmed the offer by phone.", "Applicant supplied a translated transcript.")
VERDICTS = {ReviewItem.Why.OVERRIDE: (70, 18, 12), ReviewItem.Why.SAMPLE: (88, 7, 5)}  # concur, disagree, return
COMMENTS = ("The finding on this criterion is not supported by the file.", "The wage comparison uses the wrong unit.",
            "The evidence relied on does not show the required level.", "Record why the equivalence was accepted.")
PLACES = tuple(PlaceOfApplication.values)
# An expression in every row keeps Django's bulk insert on PostgreSQL on its VALUES path: its UNNEST
# path (Django 5.2) has psycopg quote each array element in Python under the project's client-side
# binding (measured on 50,000 rows: 1,210 rows/s that way, 1,622 this way).
SOURCE = Value(Source.WIZARD.value)
CORRECTIONS = ("Amended after the supervisor's review.", "Decision corrected: the supervisor's comments addressed.")


class Command(BaseCommand):
    help = "Create N realistic synthetic decisions, with reviews, for demos and benchmarks (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, metavar="N")
        parser.add_argument("--seed", type=int, default=52, help="random seed (default 52)")
        parser.add_argument("--officers", type=int, default=12, help="demo officers to spread the rows over")
        parser.add_argument("--cases", type=int, default=400, help="distinct generated cases to assess")
        parser.add_argument("--until", type=date.fromisoformat, default=None,
                            help="rows are recorded in the two years before this day (default today)")
        parser.add_argument("--batch", type=int, default=2000, help="rows per bulk insert")

    def handle(self, *args, count, seed, officers, cases, until, batch, **options):
        if not settings.DEBUG:
            raise CommandError("Demo decisions are for local runs and benchmarks only: DEBUG is off.")
        if count < 1 or officers < 1 or cases < 1 or batch < 1:
            raise CommandError("N, --officers, --cases and --batch must be at least 1.")
        started = clock.perf_counter()
        with transaction.atomic():
            if connection.vendor == "postgresql":  # the ids are given here: no one else inserts meanwhile
                with connection.cursor() as cursor:
                    cursor.execute("LOCK TABLE eligibility_decision, supervision_reviewitem, supervision_review "
                                   "IN SHARE ROW EXCLUSIVE MODE")
            seeder = Seeder(random.Random(seed), until or timezone.localdate(), officers, cases, batch, count)
            seeder.run()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Decision, ReviewItem, Review]):
                    cursor.execute(sql)
            tallies.rebuild()  # bulk_create sends no post_save: the reports' tallies are counted afresh
        seconds = clock.perf_counter() - started
        self.stdout.write(f"{count} decisions ({seeder.corrections} corrections), {seeder.item_count} review items, "
                          f"{seeder.review_count} reviews in {seconds:.1f} s ({count / seconds:,.0f} decisions/s)")


def _users(prefix: str, k: int, role) -> list:
    group = Group.objects.get(name=role.group_name)
    users = []
    for i in range(1, k + 1):
        user, created = get_user_model().objects.get_or_create(username=f"{prefix}-{i}")
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(group)
        users.append(user)
    return users


def _weighted(table: dict):
    return list(table), list(table.values())

class Seeder:
    def __init__(self, rng: random.Random, until: date, officers: int, cases: int, batch: int, count: int):
        self.rng, self.batch, self.count = rng, batch, count
        self.officers = _users("officer-demo", officers, OFFICER)
        self.supervisors = _users("supervisor-demo", 3, SUPERVISOR)
        # Some officers decide more, and some depart from the rules more readily than others.
        self.officer_weights = [1 + i % 4 for i in range(officers)]
        self.leaning = [(0.5, 1, 1, 1.5, 3)[i % 5] for i in range(officers)]
        self.share = float(SamplingPolicy.current_share())
        self.tz = timezone.get_default_timezone()
        self.end = timezone.make_aware(datetime.combine(until, time.min), self.tz)  # "now" for the reviews
        first = until - timedelta(days=730)
        self.workdays = [first + timedelta(days=d) for d in range((until - first).days) if
                         (first + timedelta(days=d)).weekday() < 5]
        self.history = RuleHistory()
        self.titles = dict(UnitGroup.objects.values_list("code", "title_en"))
        self.pools = self._noc_pools()
        self.templates = [self._template(i) for i in range(cases)]
        self.assessed: dict = {}
        self.next_id = {m: (m.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for m in (Decision, ReviewItem, Review)}
        self.decisions, self.items, self.reviews = [], [], []
        self.pending: list = []  # returned items awaiting their amendment: (due, seq, item, reviews, original)
        self.corrections = self.item_count = self.review_count = 0

    # The cases ---------------------------------------------------------------------------------
    def _noc_pools(self) -> dict:
        """NOC codes to draw from: every unit group, those of TEER 0 and 1, and the seed's lists."""
        pools: dict = {"all": sorted(self.titles), "teer01": sorted(c for c in self.titles if c[1] in "01")}
        for country, category, kind, code in Listing.objects.filter(unit_group__isnull=False).values_list(
                "country_code", "category", "kind", "unit_group_id").order_by("country_code", "category", "kind",
                                                                               "unit_group_id"):
            pools.setdefault((country, category, kind), []).append(code)
        return pools

    def _template(self, i: int) -> dict:
        """One case in the contract's format (without its receipt date), mostly well prepared so
        that the outcomes look like an officer's week: most eligible, some not, some for review."""
        rng, r, pools = self.rng, self.rng.random, self.pools
        country = rng.choices(*_weighted(COUNTRIES))[0]
        party = country if country in PARTIES else rng.choice(PARTIES)
        category = "professional" if r() < 0.6 else "technician"
        prepared = r() < 0.85
        if category == "technician":
            pool = pools.get((party, category, "permitted")) if prepared or r() < 0.5 else None
        elif prepared:
            excluded = set(pools.get((party, category, "excluded"), ()))
            pool = [code for code in pools["teer01"] if code not in excluded]
        else:
            pool = pools.get((party, category, "excluded")) if r() < 0.5 else None
        noc = rng.choice(pool or pools["all"])
        regulated = rng.choice([False, False, True]) if prepared else rng.choice([None, None, False, True])
        credential = rng.choice(CREDENTIALS[category][:-1] if prepared else CREDENTIALS[category])
        hours = rng.choice([37.5, 40, 40, 40, 35, 44])
        annual = rng.uniform(45_000, 150_000)
        unit = rng.choice(["year", "year", "hour", "month"])
        amount = {"year": round(annual, -2), "hour": round(annual / 52 / hours, 2), "month": round(annual / 12, 2)}
        case = {
            "country": country, "status": "citizen" if r() < 0.96 else "permanent_resident", "category": category,
            "noc_code": noc, "province": rng.choices(*_weighted(PROVINCES))[0], "regulated": regulated,
            "licensed": regulated is True if prepared else r() < 0.6,
            "education": {"credential": credential, "years": YEARS[credential] + rng.choice([0, 0, 0.5, 1]),
                          "country": country if r() < 0.85 else rng.choice(PARTIES), "related_field": r() < 0.93},
            "experience_months": rng.choice(MONTHS[category][1:] if prepared else MONTHS[category]),
            "language": {"satisfactory": True if prepared else rng.choice([True, True, False, None])},
            "wage": {"amount": amount[unit], "unit": unit, "hours_per_week": hours},
            "offer_number": f"A{rng.randrange(10_000_000):07d}", "compliance_fee_paid": prepared or r() < 0.8,
            "employment_months": rng.choice([6, 12, 12, 24, 24, 36]),
            "documents": {d: prepared or r() < 0.85 for d in ("job_description", "duration", "payment_arrangements",
                                                               "credentials")},
            "spouse": r() < 0.3,
        }
        if r() < (0.97 if prepared else 0.6):
            median = annual * rng.uniform(0.7, 1.0 if prepared else 1.25)
            case["prevailing_wage"] = {"amount": round(median, -2), "unit": "year", "low": round(median * 0.75, -2)}
        names = NAMES[NAME_SET.get(country, "AS")]
        return {"case": case, "given": names[0].split(), "family": names[1].split(),
                "two_families": country in ("MX", "PE", "CL"), "employer": rng.choice(EMPLOYERS)}

    def _assessment(self, index: int, received_on: date) -> dict:
        """The template's facts assessed against the rules in force on the receipt date: once per
        case and rule-set version."""
        ruleset = self.history.on(received_on)
        key = (index, ruleset.version)
        found = self.assessed.get(key)
        if found is None:
            facts = parse_case({**self.templates[index]["case"], "received_on": received_on.isoformat()}, received_on)
            try:
                result = rulebook.assess(facts, ruleset)
            except rulebook.NoRulesInForce as missing:
                raise CommandError(f"No rules in force on {received_on} for {missing}: load the rules first.") from None
            facts_dict = case_dict(facts)
            del facts_dict["received_on"]
            found = self.assessed[key] = {
                "facts": facts_dict, "working": result.as_dict(), "outcome": result.outcome,
                "not_met": criteria_not_met(result.as_dict()),
                "rules_version": result.rules_version, "months": result.work_permit_max_months,
                "spouse": result.spouse_open_work_permit,
                "weak": [c.criterion.value for c in result.criteria if c.result.value != "met"],
            }
        return found

    # The rows ----------------------------------------------------------------------------------
    def _moment(self, slot: int) -> datetime:
        """Slot ``slot`` of ``count``, evenly spread over the working hours of the window."""
        offset = (slot + self.rng.random()) * len(self.workdays) * WORKDAY_SECONDS / self.count
        day, seconds = divmod(offset, WORKDAY_SECONDS)
        naive = datetime.combine(self.workdays[min(int(day), len(self.workdays) - 1)], WORKDAY_START)
        return timezone.make_aware(naive + timedelta(seconds=seconds), self.tz)

    def _take_id(self, model) -> int:
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def run(self) -> None:
        for slot in range(self.count):
            at = self._moment(slot)
            if self.pending and self.pending[0][0] <= at:
                self._amend(at, *heapq.heappop(self.pending)[2:])
            else:
                self._original(at)
            if len(self.decisions) >= self.batch:
                self._flush()
        for _due, _seq, item, reviews, _original in self.pending:  # returned, not amended yet
            self.items.append(item)
            self.reviews.extend(reviews)
        self._flush()

    def _original(self, at: datetime) -> None:
        rng = self.rng
        who = rng.choices(range(len(self.officers)), self.officer_weights)[0]
        index = rng.randrange(len(self.templates))
        template = self.templates[index]
        received_on = at.date() - timedelta(days=rng.randint(3, 75))
        assessed = self._assessment(index, received_on)
        weights = list(DECISION_WEIGHTS[assessed["outcome"]])
        for j, choice in enumerate(DECISIONS):  # this officer's leaning scales the departing choices
            if departs_from(assessed["outcome"], choice):
                weights[j] *= self.leaning[who]
        decision = rng.choices(DECISIONS, weights)[0]
        family = rng.choice(template["family"])
        if template["two_families"]:
            family += " " + rng.choice(template["family"])
        identity = {"name": f"{rng.choice(template['given'])} {family}",
                    "uci": f"{rng.randrange(10**9, 10**10)}" if rng.random() < 0.85 else f"{rng.randrange(10**7, 10**8)}"}
        row = self._decision(at, who, index, received_on, assessed, decision, identity)
        self._queue(row, assessed, at)

    def _decision(self, at, who, index, received_on, assessed, decision, identity, corrects=None) -> Decision:
        rng = self.rng
        pk = self._take_id(Decision)
        number = f"{rng.choice('WWWEB')}3{(pk * 2654435761) % 10**8:08d}"  # unique per id, looks random
        departs = departs_from(assessed["outcome"], decision)
        reason = rng.choice(list(DEPARTURES)) if departs else ""
        passport = at.date() + timedelta(days=rng.randint(200, 3500))
        template = self.templates[index]
        # One full-time period of exactly the case's months (as the wizard totals it), ending a month before receipt.
        end = received_on - timedelta(days=30)
        start = add_months(end + timedelta(days=1), -template["case"]["experience_months"])
        row = Decision(
            id=pk, officer=self.officers[who], created_at=at, source=SOURCE, application_number=number,
            uci=identity["uci"], applicant_name=identity["name"], received_on=received_on,
            country=template["case"]["country"], category=template["case"]["category"],
            noc_code=template["case"]["noc_code"],
            facts={**assessed["facts"], "received_on": received_on.isoformat(), "reference": number},
            details={"place_of_application": rng.choice(PLACES),
                     "passport_expiry": passport.isoformat(), "employer": template["employer"],
                     "job_title": self.titles.get(template["case"]["noc_code"], ""), "regulated_reason": "",
                     "experience_periods": [{"employer": "Previous employer", "start": start.isoformat(),
                                             "end": end.isoformat(),
                                             "hours_per_week": 40}],
                     "language_evidence": "interview", "other_non_monetary": "", "prevailing_reason": "",
                     "unanswered_steps": []},
            rules_version=assessed["rules_version"], working=assessed["working"], outcome=assessed["outcome"].value,
            criteria_not_met=assessed["not_met"],
            decision=decision.value, departs=departs, departure_reason_code=reason,
            departure_reason=DEPARTURES[reason] if departs else "", notes=rng.choice(NOTES),
            work_permit_max_months=assessed["months"],
            permit_valid_until=permit_valid_until(at.date(), assessed["months"], passport)
            if decision == OfficerDecision.APPROVE else None,
            spouse_open_work_permit=assessed["spouse"],
            corrects=corrects, correction_reason=rng.choice(CORRECTIONS) if corrects else "",
        )
        row.seed_template = (who, index, identity)  # what an amendment of this row keeps
        self.decisions.append(row)
        return row

    def _queue(self, row: Decision, assessed: dict, at: datetime, may_return: bool = True) -> None:
        """Every departure enters the review queue, and a share of the others; concluded when the
        review falls before the end of the window."""
        rng = self.rng
        if row.departs:
            why = ReviewItem.Why.OVERRIDE
        elif rng.random() < self.share:
            why = ReviewItem.Why.SAMPLE
        else:
            return
        item = ReviewItem(id=self._take_id(ReviewItem), decision_id=row.pk, why=why, queued_at=at)
        reviewed_at = at + timedelta(days=rng.uniform(0.2, 20))
        if reviewed_at >= self.end:
            self.items.append(item)
            return
        weights = list(VERDICTS[why]) if may_return else [*VERDICTS[why][:2], 0]
        verdict = rng.choices((Review.Verdict.CONCUR, Review.Verdict.DISAGREE, Review.Verdict.RETURN), weights)[0]
        criteria = []
        if verdict == Review.Verdict.DISAGREE:
            criteria = rng.sample(assessed["weak"] or ["documentation", "remuneration"], 1)
        review = Review(id=self._take_id(Review), item_id=item.pk, supervisor=rng.choice(self.supervisors),
                        verdict=verdict, criteria=criteria, created_at=reviewed_at,
                        comment="" if verdict == Review.Verdict.CONCUR else rng.choice(COMMENTS))
        item.status = {Review.Verdict.CONCUR: ReviewItem.Status.CONCURRED, Review.Verdict.DISAGREE:
                       ReviewItem.Status.DISAGREED, Review.Verdict.RETURN: ReviewItem.Status.RETURNED}[verdict]
        due = reviewed_at + timedelta(days=rng.uniform(1, 14))
        if verdict == Review.Verdict.RETURN and due < self.end:
            heapq.heappush(self.pending, (due, item.pk, item, [review], row))
            return
        self.items.append(item)
        self.reviews.append(review)

    def _amend(self, at: datetime, item: ReviewItem, reviews: list, original: Decision) -> None:
        """The officer's amendment of a returned decision: a correction that follows the rules."""
        who, index, identity = original.seed_template
        assessed = self._assessment(index, original.received_on)
        outcome = assessed["outcome"]
        decision = {Outcome.ELIGIBLE: OfficerDecision.APPROVE, Outcome.NOT_ELIGIBLE: OfficerDecision.REFUSE}.get(
            outcome, OfficerDecision.REFUSE if original.decision == OfficerDecision.APPROVE
            else OfficerDecision.APPROVE)
        row = self._decision(at, who, index, original.received_on, assessed, decision, identity, corrects=original)
        self.corrections += 1
        item.status, item.amended_by_id = ReviewItem.Status.AMENDED, row.pk
        self.items.append(item)
        self.reviews.extend(reviews)
        self._queue(row, assessed, at, may_return=False)

    def _flush(self) -> None:
        Decision.objects.bulk_create(self.decisions)  # chained in list order: ids and sequence agree
        ReviewItem.objects.bulk_create(self.items)
        Review.objects.bulk_create(self.reviews)
        self.item_count += len(self.items)
        self.review_count += len(self.reviews)
        self.decisions, self.items, self.reviews = [], [], []
        reset_queries()  # DEBUG keeps every query's SQL: not a million rows of it
