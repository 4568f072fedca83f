"""A realistic demo data set for ``amends demo``: people, a remedy catalogue, customers and cases.

Everything goes through the services with the clock moved back, so each case has a real timeline,
a realistic age, and some are overdue. Cases are spread over every playbook step and every outcome.
Running it again adds nothing that is already there.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from amends.accounts.models import Role, Team, User
from amends.accounts.services import user_create
from amends.actions.services import task_complete, task_create
from amends.cases import services as cs
from amends.cases.models import Case, Status
from amends.core import clock
from amends.followups.services import followup_schedule, survey_record
from amends.playbooks.services import playbook_ensure_default
from amends.remedies.models import CatalogueItem
from amends.remedies.services import catalogue_item_save, remedy_approve, remedy_propose, remedy_reject

DEMO_PASSWORDS = {"agent": "demo-agent-2024", "manager": "demo-manager-2024", "admin": "demo-admin-2024"}
EXTRA_AGENTS = [("sam", "Sam", "Okafor", "40"), ("priya", "Priya", "Nair", "75"), ("tom", "Tom", "Lindqvist", "30"),
                ("lucia", "Lucía", "Ferreira", "60")]

CATALOGUE = [
    ("Full refund", "refund", "0", False, "Refund of the full amount paid."),
    ("Partial refund", "refund", "15", False, "Part of the price back for the trouble."),
    ("Refund of delivery charge", "refund", "6.90", False, "The shipping fee returned."),
    ("Replacement item, express", "replacement", "0", False, "A new one sent by next-day courier."),
    ("Repair at our cost", "repair", "0", False, "Collected, repaired and returned free of charge."),
    ("10% off the next order", "discount", "10", True, "A discount code valid for six months."),
    ("Voucher 20", "voucher", "20", True, "A gift voucher for any future purchase."),
    ("Complimentary drink", "complimentary", "4.50", True, "Any drink on the house on the next visit."),
    ("Complimentary dessert", "complimentary", "6", True, "A dessert of their choice on the house."),
    ("Free delivery for a year", "other", "25", True, "No delivery charges for twelve months."),
    ("Room upgrade on next stay", "complimentary", "40", True, "The next stay in a better room at no cost."),
    ("One month membership free", "voucher", "35", True, "A month added to the membership at no charge."),
]

FIRST = ["Lena", "Omar", "Grace", "Mateo", "Aisha", "Jonas", "Chloé", "Ravi", "Hannah", "Kwame", "Sofia", "Dmitri",
         "Mei", "Patrick", "Yara", "Lars", "Nadia", "Ethan", "Ines", "Tariq", "Zoe", "Felix", "Amara", "Bruno",
         "Elif", "George", "Noor", "Ivan", "Ruth", "Kenji", "Maya", "Samuel", "Leila", "Hugo", "Freya", "Diego",
         "Anya", "Malik", "Clara", "Theo", "Rosa", "Emeka", "Julia", "Viktor", "Hana", "Oscar", "Priyanka", "Liam",
         "Beatriz", "Karl"]
LAST = ["Berg", "Haddad", "O'Neill", "Rossi", "Bello", "Weber", "Martin", "Iyer", "Schultz", "Mensah", "Costa",
        "Volkov", "Chen", "Byrne", "Saleh", "Nilsson", "Karimi", "Brooks", "Moreau", "Aziz", "Clarke", "Braun",
        "Okoye", "Silva", "Yilmaz", "Evans", "Rahman", "Petrov", "Adler", "Tanaka", "Cohen", "Boateng", "Farah",
        "Dubois", "Larsen", "Lopez", "Kowalski", "Jaber", "Novak", "Fischer", "Romero", "Eze", "Keller", "Horvat",
        "Sato", "Lund", "Mehta", "Walsh", "Santos", "Vogel"]


@dataclass(frozen=True)
class Complaint:
    text: str
    points: tuple[str, ...]
    priority: str
    channel: str
    root_cause: str
    remedy: tuple[str, str, str]  # kind, value, description


COMPLAINTS = [
    Complaint("My order #{n} was promised for Tuesday. It arrived the following Friday, after I had already "
              "left for my trip, so the birthday present I ordered never made it to my sister in time. Nobody "
              "told me it was delayed.", ("promised Tuesday, arrived Friday", "birthday present missed",
                                          "no delay notice"), "normal", "email", "courier delay",
              ("refund", "12.50", "Refund of the express delivery charge")),
    Complaint("The parcel was left in the rain on my doorstep and the box was completely crushed. The lamp inside "
              "has a cracked shade. The courier photo even shows it sitting in a puddle.",
              ("left in the rain", "box crushed", "lamp shade cracked"), "high", "web", "courier handling",
              ("replacement", "49", "Replacement lamp by express courier")),
    Complaint("I have been charged TWICE for the same order ({n}). That is 184 euros gone from my account two "
              "days before rent is due. I want the duplicate charge back today, not in '5 to 10 working days'.",
              ("charged twice", "184 euros", "rent due"), "critical", "email", "payment provider",
              ("refund", "184", "Immediate refund of the duplicate charge")),
    Complaint("Third email about this. The invoice lists a premium support plan I never signed up for. I've "
              "asked twice to remove it and each time I get a template answer and the charge stays.",
              ("premium plan never ordered", "asked twice already", "template answers"), "high", "email",
              "billing system", ("refund", "29.90", "Refund of the plan and removal from the account")),
    Complaint("The blender stopped working after eleven days. It smelled of burning plastic and then simply "
              "died mid-smoothie. For a 130 euro machine this is not acceptable.",
              ("stopped after eleven days", "burning smell", "130 euro machine"), "normal", "web",
              "product defect", ("replacement", "130", "New blender from a different batch")),
    Complaint("The screen on my new tablet has a line of dead pixels down the left side. It was like that out "
              "of the box. I'd like it swapped, please.", ("dead pixels out of the box", "wants a swap"),
              "low", "chat", "product defect", ("replacement", "0", "Swap for a new unit")),
    Complaint("Your staff member at the checkout was openly rude to my elderly father, rolled her eyes when he "
              "was slow with his card and said something to her colleague about 'people like that'. He left "
              "close to tears. I'm furious.", ("rude to elderly father", "rolled her eyes",
                                               "father left upset"), "high", "in_person", "staff training",
              ("voucher", "30", "Voucher and a personal apology from the store manager")),
    Complaint("I waited 55 minutes on hold and was then disconnected. When I called back, the next person asked "
              "me to explain everything again from scratch.", ("55 minutes on hold", "disconnected",
                                                               "had to repeat everything"), "normal", "phone",
              "contact centre staffing", ("discount", "10", "Ten percent off the next bill")),
    Complaint("I ordered a flat white and a chai latte this morning. The flat white tasted burnt and sour, and "
              "the chai was lukewarm and watery. I paid 9 euros for two drinks I poured away. This used to be "
              "my favourite café.", ("flat white burnt and sour", "chai lukewarm", "used to be favourite café"),
              "normal", "in_person", "barista training", ("complimentary", "9", "Both drinks remade on the house")),
    Complaint("The iced coffee had a strong taste of washing-up liquid. I mentioned it at the counter and was "
              "told 'that's how it tastes'. It is not how coffee tastes.",
              ("tasted of washing-up liquid", "dismissed at the counter"), "normal", "social",
              "equipment cleaning", ("refund", "4.80", "Refund and a fresh drink")),
    Complaint("We booked a double room for our anniversary. When we arrived at 4pm the room had not been "
              "cleaned: used towels on the floor, the bin full, hair in the shower. We waited an hour in the "
              "lobby for another room.", ("room not cleaned", "used towels and hair", "waited an hour",
                                          "anniversary stay"), "high", "email", "housekeeping scheduling",
              ("refund", "80", "One night refunded")),
    Complaint("The air conditioning in room 312 rattled all night and could not be switched off. Reception said "
              "maintenance would come 'soon'. Nobody came. We slept maybe three hours.",
              ("AC rattled all night", "maintenance never came", "three hours of sleep"), "normal", "web",
              "maintenance backlog", ("discount", "35", "Thirty-five off the stay")),
    Complaint("Cancelling my gym membership has been a nightmare. The website says call, the phone line says "
              "come in person, and at the desk I was told the manager who can cancel works only Mondays. "
              "Meanwhile you took another 45 euros. I want it cancelled and the money back.",
              ("cancellation runaround", "website, phone and desk disagree", "charged 45 after asking"),
              "critical", "email", "cancellation process", ("refund", "45", "Refund of the last month")),
    Complaint("The showers in the women's changing room have been cold for two weeks. I pay for a premium "
              "membership and can't even shower after a class.", ("cold showers for two weeks",
                                                                   "premium membership"), "normal", "chat",
              "maintenance backlog", ("voucher", "35", "A month added to the membership")),
    Complaint("Hi, the sofa delivery window was 8 to 12. The driver arrived at 5pm, refused to carry it up one "
              "flight of stairs and left it in the hallway of the building. I've taken a day off work for this.",
              ("arrived at 5pm instead of morning", "left in the hallway", "took a day off"), "high", "phone",
              "delivery partner", ("refund", "60", "Delivery fee back and a carry-up at a time of their choice")),
    Complaint("Just a quick note: the wrong size was sent (M instead of L). Not a big deal, but I need the L "
              "before the weekend if possible.", ("wrong size sent", "needs it before the weekend"), "low",
              "web", "warehouse picking", ("replacement", "0", "Correct size by express")),
    Complaint("I was overcharged for my meal: the bill had two extra glasses of wine we never ordered. When I "
              "pointed it out the waiter argued with me in front of my guests.",
              ("two extra glasses on the bill", "waiter argued in front of guests"), "high", "in_person",
              "staff training", ("complimentary", "15", "The wine refunded and dessert on the house next time")),
    Complaint("Our table was booked for 7:30. We were seated at 8:15 and the food came at 9:20. Two of the "
              "mains were cold. For a birthday dinner it was a disaster.",
              ("seated 45 minutes late", "food after nearly two hours", "cold mains", "birthday dinner"),
              "normal", "email", "kitchen staffing", ("discount", "50", "Half of the bill back")),
    Complaint("The washing machine engineer didn't turn up. Second time. I have a newborn and a pile of laundry.",
              ("engineer no-show twice", "newborn at home"), "critical", "phone", "field service scheduling",
              ("repair", "0", "Priority visit with a fixed time slot")),
    Complaint("My subscription renewed at a higher price without any warning email. 14.99 became 19.99.",
              ("price rise without warning", "14.99 to 19.99"), "normal", "email", "billing communication",
              ("refund", "5", "Difference refunded, old price kept for a year")),
    Complaint("The app logged me out mid-payment and I ended up with two bookings and two charges for the same "
              "train. The support chat bot just keeps sending me the FAQ.",
              ("double booking after logout", "two charges", "bot loops on FAQ"), "high", "chat",
              "app defect", ("refund", "38.40", "Refund of the duplicate ticket")),
    Complaint("Sorry to bother you, I think one item was missing from my grocery delivery - the cake for my "
              "son's party. Could you check?", ("cake missing from delivery", "son's party"), "low", "web",
              "warehouse picking", ("refund", "18", "Cake refunded and a voucher for the party")),
    Complaint("The hearing aid batteries you sent were expired by eight months. My mother depends on these.",
              ("batteries expired", "mother depends on them"), "high", "email", "stock rotation",
              ("replacement", "12", "Fresh batteries by express")),
    Complaint("I returned the jacket five weeks ago and I still have no refund. Tracking shows you received it "
              "on the 3rd. Every time I ask I'm told it's 'being processed'.",
              ("returned five weeks ago", "no refund yet", "vague answers"), "high", "email",
              "returns processing", ("refund", "89", "Refund today plus the return postage")),
    Complaint("The cleaner you sent broke a vase and didn't mention it. I found the pieces hidden in the bin.",
              ("vase broken", "hidden in the bin"), "high", "phone", "staff conduct",
              ("refund", "120", "Cost of the vase covered")),
    Complaint("Absolutely disgusted. Found a hair baked into my croissant. Posting this so others know.",
              ("hair in croissant",), "high", "social", "kitchen hygiene", ("refund", "3.20", "Refund and a box of "
                                                                             "fresh pastries")),
    Complaint("The installer drilled through a water pipe while fitting the shelves. Water everywhere, and he "
              "just left saying it's not his problem.", ("drilled through a water pipe",
                                                         "installer left", "water damage"), "critical", "phone",
              "contractor quality", ("repair", "450", "Plumber and repairs at our cost")),
    Complaint("My loyalty points disappeared after the system update. I had 4,200 points saved for a flight.",
              ("4,200 points gone", "saved for a flight"), "normal", "chat", "system migration",
              ("other", "0", "Points restored with a bonus")),
    Complaint("Your delivery driver reversed into my garden wall and drove off. My neighbour filmed it.",
              ("driver hit garden wall", "drove off", "neighbour filmed it"), "critical", "email",
              "driver conduct", ("repair", "300", "Wall repaired at our cost")),
    Complaint("The concert tickets never arrived by email, and at the door they said my name wasn't on the "
              "list. We travelled two hours.", ("tickets never arrived", "not on the list",
                                                "travelled two hours"), "critical", "email", "ticketing system",
              ("refund", "140", "Tickets and travel refunded")),
    Complaint("Ordered a vegan meal, it came with cheese on it. I'm allergic to dairy, luckily I noticed.",
              ("vegan meal had cheese", "dairy allergy"), "critical", "chat", "kitchen process",
              ("refund", "16.50", "Meal refunded")),
    Complaint("The pram I bought has a wheel that wobbles and came off on the second walk. Scary.",
              ("wheel came off", "second walk", "safety"), "critical", "web", "product defect",
              ("replacement", "280", "New pram and a safety check of the batch")),
    Complaint("Not angry, just disappointed. The hotel breakfast was advertised as 'full buffet' but by 9am "
              "there was only bread left and nobody refilled anything.", ("buffet empty by 9am",
                                                                          "nobody refilled"), "low", "survey",
              "kitchen staffing", ("complimentary", "0", "Breakfast on us next stay")),
    Complaint("I have asked three times to have my data deleted and I'm still getting marketing emails.",
              ("asked three times", "still getting emails"), "high", "email", "privacy process",
              ("other", "0", "Data deleted and written confirmation")),
    Complaint("The repair took six weeks instead of the two you quoted, and the phone came back with a "
              "scratched screen it didn't have before.", ("six weeks instead of two", "new scratch on screen"),
              "normal", "web", "repair partner", ("replacement", "95", "New screen fitted at our cost")),
    Complaint("Kind of a small thing, but the barista spelled my name wrong on purpose and laughed about it "
              "with a colleague. Felt mocked.", ("name misspelled on purpose", "laughed with colleague"), "normal",
              "social", "staff conduct", ("complimentary", "4.50", "A drink on the house and an apology")),
]

REPLY = ("Dear {first},\n\nthank you for writing to us, and I am truly sorry. {point_cap} should never have "
         "happened, and I understand how much it disrupted your {when}. My name is {agent}; I am looking after "
         "this personally from now on. {ask}\n\nI will write again by {by} at the latest.\n\nKind regards,\n{agent}")
ASKS = ["Would a {remedy} put this right for you?", "Could you tell me what would make this right for you?",
        "I can offer a {remedy}; would that work, or is there something you would prefer?"]
CUSTOMER_REPLIES = ["Thanks for getting back to me so quickly. Yes, that would work.",
                    "OK. I'd still like to know how this happened, but the offer is fair.",
                    "Honestly I expected more, but fine, go ahead.",
                    "That's very kind, thank you. Much appreciated.",
                    "I'll wait and see if it actually happens this time."]
SURVEY_COMMENTS = {"good": ["Sorted quickly and politely.", "Impressed by how it was handled.", "Thank you, Ana!",
                            "Would not have expected a follow-up call. Nice touch."],
                   "bad": ["Took far too long.", "Still not happy, to be honest.", "The fix didn't last."]}
STAGES = ["own", "listen", "acknowledge", "resolve", "agree", "act", "extra", "follow_up", "closed"]
STAGE_WEIGHTS = [9, 8, 8, 9, 6, 7, 4, 6, 43]
STEP_TARGETS = {"own": 60, "listen": 120, "acknowledge": 240, "resolve": 480, "agree": 1440, "act": 2880,
                "extra": 2880, "follow_up": 10080}


def _demo_users() -> tuple[User, User, list[User]]:
    def ensure(username: str, role: str, limit: str, first: str, last: str, password: str | None) -> User:
        existing = User.objects.filter(username=username).first()
        return existing or user_create(username=username, role=role, limit=Decimal(limit), password=password,
                                       first_name=first, last_name=last, email=f"{username}@amends.example")

    manager = ensure("manager", Role.MANAGER, "1000", "Morgan", "Reyes", DEMO_PASSWORDS["manager"])
    ensure("admin", Role.ADMIN, "5000", "Alex", "Stone", DEMO_PASSWORDS["admin"])
    agent = ensure("agent", Role.AGENT, "50", "Ana", "Silva", DEMO_PASSWORDS["agent"])
    team, _ = Team.objects.get_or_create(name="Customer care", defaults={"manager": manager})
    agents = [agent] + [ensure(u, Role.AGENT, lim, f, last, None) for u, f, last, lim in EXTRA_AGENTS]
    for person in agents:
        if person.team_id is None or person.manager_id is None:
            person.team, person.manager = team, manager
            person.save(update_fields=["team", "manager"])
    return agent, manager, agents


def _catalogue(manager: User) -> None:
    for name, kind, value, extra, description in CATALOGUE:
        if not CatalogueItem.objects.filter(name=name).exists():
            catalogue_item_save(item=None, actor=manager, name=name, kind=kind, default_value=value,
                                description=description, is_extra=extra)


def _walk(case: Case, c: Complaint, stage: int, outcome: str, rng: random.Random, start: dt.datetime,
          now: dt.datetime, owner: User, manager: User, first: str) -> None:
    """Move a freshly opened case through the first ``stage`` steps, with time passing between them."""
    moment = start
    span = now - start

    def tick() -> dt.datetime:
        nonlocal moment
        moment = min(now, moment + span * rng.uniform(0.03, 0.12))
        return moment

    def at(fn, **kwargs):  # type: ignore[no-untyped-def]
        with clock.frozen_at(tick()):
            return fn(**kwargs)

    if stage == 0:
        if rng.random() < 0.4:
            at(cs.case_assign, case=case, owner=owner, actor=manager)
        return
    if rng.random() < 0.5:
        at(cs.case_assign, case=case, owner=owner, actor=manager)
    at(cs.step_complete, case=case, key="own", actor=owner, note="Told the customer I am handling it.")
    if stage == 1:
        return
    at(cs.case_confirm_points, case=case, actor=owner, points=list(c.points), desired_outcome=c.remedy[0])
    at(cs.step_complete, case=case, key="listen", actor=owner)
    if stage == 2:
        if rng.random() < 0.5:
            at(cs.message_add, case=case, direction="note", actor=owner,
               body="Checked the order history; this matches what the customer says.")
        return
    remedy_text = c.remedy[2][0].lower() + c.remedy[2][1:]
    reply = REPLY.format(first=first, point_cap=c.points[0][0].upper() + c.points[0][1:],
                         when=rng.choice(["week", "day", "plans"]), agent=owner.display_name,
                         ask=rng.choice(ASKS).format(remedy=remedy_text),
                         by=rng.choice(["tomorrow", "Friday", "the end of the day"]))
    at(cs.message_add, case=case, direction="outbound", body=reply, actor=owner)
    at(cs.step_complete, case=case, key="acknowledge", actor=owner)
    if stage == 3:
        if rng.random() < 0.6:
            at(cs.case_set_status, case=case, status=Status.WAITING_CUSTOMER, actor=owner,
               reason="asked what would put it right")
        if rng.random() < 0.8:  # most cases sitting in "resolve" wait on a manager's approval
            at(remedy_propose, case=case, actor=owner, kind=c.remedy[0], value=max(Decimal(c.remedy[1]),
                                                                                   owner.remedy_limit + 25),
               description=c.remedy[2])
        return
    at(cs.message_add, case=case, direction="inbound", body=rng.choice(CUSTOMER_REPLIES), actor=None)
    remedy = at(remedy_propose, case=case, actor=owner, kind=c.remedy[0], value=Decimal(c.remedy[1]),
                description=c.remedy[2])
    if remedy.status == "pending_approval":
        if rng.random() < 0.85:
            at(remedy_approve, remedy=remedy, actor=manager, note="Approved; a fair remedy for this one.")
        else:
            at(remedy_reject, remedy=remedy, actor=manager, note="Too high; offer a repair or a voucher instead.")
            at(remedy_propose, case=case, actor=owner, kind="voucher", value=min(owner.remedy_limit, Decimal(25)),
               description="Voucher instead of the larger refund")
    at(cs.step_complete, case=case, key="resolve", actor=owner)
    if stage == 4:
        return
    at(cs.case_record_agreement, case=case, actor=owner, resolution=c.remedy[2], by_customer=rng.random() < 0.4)
    at(cs.step_complete, case=case, key="agree", actor=owner)
    if stage == 5:
        due = min(now + dt.timedelta(days=2), moment + dt.timedelta(days=1))
        at(task_create, case=case, actor=owner, title=f"Carry out: {c.remedy[2]}", assignee=owner, due_at=due)
        return
    task = at(task_create, case=case, actor=owner, title=f"Carry out: {c.remedy[2]}", assignee=owner,
              due_at=moment + dt.timedelta(hours=8))
    at(task_complete, task=task, actor=owner)  # completes "act"
    if stage == 6:
        return
    if rng.random() < 0.6:
        extra = rng.choice([("complimentary", "6", "A dessert on the house"), ("voucher", "10", "A small voucher"),
                            ("other", "0", "A handwritten note from the team")])
        at(remedy_propose, case=case, actor=owner, kind=extra[0], value=Decimal(extra[1]), extra=True,
           description=extra[2])
        at(cs.step_complete, case=case, key="extra", actor=owner)
    else:
        at(cs.step_skip, case=case, key="extra", actor=owner, reason="The remedy already went beyond the fix.")
    # Finishing "act" schedules the follow-up by itself; schedule one here only if it did not.
    follow_up = case.follow_ups.order_by("id").first() or at(
        followup_schedule, case=case, actor=owner, due_at=moment + dt.timedelta(days=rng.randint(1, 5)))
    if stage == 7:
        return
    good = outcome != "not_recovered"
    at(survey_record, case=case, follow_up=follow_up, satisfaction=(5 if outcome == "wow" else 4) if good else 2,
       would_recommend=(10 if outcome == "wow" else rng.randint(7, 9)) if good else rng.randint(1, 5),
       will_return=good, comment=rng.choice(SURVEY_COMMENTS["good" if good else "bad"]))
    at(cs.step_complete, case=case, key="follow_up", actor=owner)
    at(cs.case_close, case=case, actor=owner, outcome=outcome, root_cause=c.root_cause)


def load_demo(*, cases: int = 120, seed: int = 7) -> str:
    """Load the demo set (idempotent: cases already loaded for this seed are not added again)."""
    rng = random.Random(seed)
    playbook_ensure_default()
    with transaction.atomic():
        agent, manager, agents = _demo_users()
        _catalogue(manager)
    now = clock.now()
    customers = []
    for i in range(max(1, min(50, cases))):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
        local = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        customers.append((name, local.replace("'", "").replace(" ", ".") + "@mail.example"))
    outcomes = ["recovered", "wow", "not_recovered"]
    created = 0
    for i in range(cases):
        external_id = f"demo-{seed}-{i}"
        if Case.objects.filter(external_id=external_id).exists():
            continue
        complaint = COMPLAINTS[(i * 5 + seed) % len(COMPLAINTS)]
        name, email = customers[i % len(customers)] if rng.random() < 0.8 else rng.choice(customers)
        # Every step and every outcome appears; later stages are older, some early ones are overdue.
        stage = i % len(STAGES) if i < 3 * len(STAGES) else rng.choices(range(len(STAGES)), STAGE_WEIGHTS)[0]
        outcome = outcomes[(i // len(STAGES)) % 3] if i < 3 * len(STAGES) else rng.choices(outcomes, [6, 2, 2])[0]
        if STAGES[stage] == "closed":
            age = dt.timedelta(days=rng.uniform(3, 40))
        else:
            # Around the target time of the step the case is on: roughly a third are overdue.
            age = dt.timedelta(minutes=STEP_TARGETS[STAGES[stage]] * rng.uniform(0.2, 1.5))
        start = now - age
        owner = rng.choice(agents)
        with transaction.atomic():
            with clock.frozen_at(start):
                case, _ = cs.case_open(actor=None, customer_name=name, customer_email=email,
                                       channel=complaint.channel, external_id=external_id,
                                       message=complaint.text.format(n=40_000 + i * 37))
                if case.analysis is None and complaint.priority != case.priority:
                    cs.case_set_priority(case=case, priority=complaint.priority, actor=None)
            if STAGES[stage] == "closed" or (stage > 0 and outcome == "not_recovered" and rng.random() < 0.15):
                if outcome == "not_recovered" and STAGES[stage] != "closed":
                    with clock.frozen_at(start + (now - start) / 2):
                        cs.case_close(case=case, actor=owner, outcome="not_recovered",
                                      root_cause=complaint.root_cause)
                else:
                    _walk(case, complaint, 8, outcome, rng, start, now, owner, manager,
                          name.split()[0])
            else:
                _walk(case, complaint, stage, outcome, rng, start, now, owner, manager, name.split()[0])
        created += 1
    total = Case.objects.count()
    return "\n".join([
        f"Demo data ready: {created} new cases ({total} in all), {len(agents)} agents, a manager and an admin.",
        "",
        "Sign in to the desk at http://127.0.0.1:8000/ (run `amends run` first):",
        f"  agent    / {DEMO_PASSWORDS['agent']}    (frontline agent, remedy limit 50)",
        f"  manager  / {DEMO_PASSWORDS['manager']}  (approvals, insights, configuration)",
        f"  admin    / {DEMO_PASSWORDS['admin']}    (also the Django admin at http://127.0.0.1:8000/admin/)",
        "",
        "For the API, make a token with `amends token create agent` and send it as 'Authorization: Bearer <token>'.",
    ])
