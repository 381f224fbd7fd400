"""The superuser's view of the labour-market data (the job centres' staff use the app's own
pages). Industries are reference data (DB07) and may be corrected here."""

from django.contrib import admin

from labour.models import Company, ContactPerson, CooperationAgreement, Industry, JobOpening


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class AgreementInline(admin.TabularInline):
    model = CooperationAgreement
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "cvr", "job_centre", "industry", "postcode", "is_company_centre")
    list_filter = ("job_centre", "is_company_centre")
    search_fields = ("name", "cvr")
    autocomplete_fields = ("industry",)
    raw_id_fields = ("consultant",)
    inlines = [ContactInline, AgreementInline]


@admin.register(JobOpening)
class JobOpeningAdmin(admin.ModelAdmin):
    """Read-mostly: an opening saved here would not refresh its search document, so the
    fields the search reads are shown but changed only through the app."""

    list_display = ("title", "employer", "job_centre", "postcode", "valid_through", "source")
    list_filter = ("job_centre", "source", "employment_type")
    search_fields = ("title", "employer_name", "identifier")
    date_hierarchy = "created_at"
    raw_id_fields = ("company", "contact", "consultant")
    readonly_fields = ("title", "description", "occupation", "search_document", "identifier")
    filter_horizontal = ("skills",)
