import factory

from accounts.models import Role, User

PASSWORD = "en-god-adgangskode-2026"

#: Each first name with the last names given with it in this test run.
_last_names_by_first: dict[str, list[str]] = {}


def person_name() -> str:
    """A Danish first and last name, as Faker draws them, that no other in this test run is
    inside or holds: no title ("Dr. Johnny Krogh" holds "Johnny Krogh"), no double first name,
    and no last name that begins another beside the same first name ("Ib Berg", "Ib Bergmann").
    Tests check that one person's name is not on another's page."""
    fake = factory.Faker._get_faker(locale="da_DK")
    while True:
        first, last = fake.first_name(), fake.last_name()
        if not (first.isalpha() and last.isalpha()):
            continue
        taken = _last_names_by_first.setdefault(first, [])
        if not any(t.startswith(last) or last.startswith(t) for t in taken):
            taken.append(last)
            return f"{first} {last}"


class JobCentreFactory(factory.django.DjangoModelFactory):
    """Here, not in centres, because every user needs a job centre and accounts sits below
    centres (docs/ARCHITECTURE.md, "Layers"): it names the model by its label, as User's foreign
    key does. `centres.tests.factories` offers it too."""

    class Meta:
        model = "centres.JobCentre"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    municipality = factory.LazyAttribute(
        lambda o: o.name.replace("Jobcenter", "").strip() + " Kommune"
    )
    address = "Torvet 1"
    postcode = "2600"
    town = "Glostrup"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.LazyFunction(person_name)
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.dk")
    job_centre = factory.SubFactory(JobCentreFactory)
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    role = Role.JOB_CONSULTANT


class CitizenUserFactory(UserFactory):
    role = Role.CITIZEN


def app_device_for(user: User, key: str | None = None):
    """The user's confirmed authenticator-app device (TOTP), made if missing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(user=user, name="App", confirmed=True, **extra)
    return device


def next_code(device) -> str:
    """The code the app shows now, or the next one when this one is used up (django-otp
    accepts one step ahead and each step only once)."""
    import time

    from django_otp.oath import hotp

    device.refresh_from_db()
    step = int((time.time() - device.t0) // device.step) + device.drift
    return f"{hotp(device.bin_key, max(step, device.last_t + 1), device.digits):06d}"
