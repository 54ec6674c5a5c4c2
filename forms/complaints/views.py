"""The public side: send a complaint, suggestion or feedback, and read the office's response."""

from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from forms.intake.tracking import tracking_number_new
from forms.models.pages import NOT_SAVED_RETRY_AFTER_SECONDS
from forms.office.storage import UploadsNotStored
from forms.office.visitors import client_address

from .constants import TRACKING_PREFIX
from .forms import HONEYPOT_FIELD, ComplaintForm, ComplaintTrackingForm
from .selectors import complainant_prefill, complaint_for_tracking
from .services import complaint_submit

# Sending: generous enough for a family at one kiosk or behind one mobile carrier's address, not for a robot.
SUBMIT_ATTEMPTS = 10
SUBMIT_WINDOW_SECONDS = 60 * 60
# Tracking: the same as for applications (/lacak/).
TRACKING_ATTEMPTS = 10
TRACKING_WINDOW_SECONDS = 10 * 60
SESSION_KEY = "complaint_filed"


def _over_limit(request, prefix: str, attempts: int, window: int) -> bool:
    """Count this attempt against the visitor's address; True once the window's attempts are used up."""
    key = f"{prefix}:{client_address(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > attempts


@never_cache
@sensitive_post_parameters("nik")
def complaint_create(request):
    """The public form; login is optional and only fills in what the account already knows."""
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        if _over_limit(request, "complaint-submit", SUBMIT_ATTEMPTS, SUBMIT_WINDOW_SECONDS):
            # Nothing is checked or kept, but what the visitor typed stays on the page to copy elsewhere.
            typed = {key: value for key, value in request.POST.items() if key not in (HONEYPOT_FIELD, "nik")}
            form = ComplaintForm(user=user, initial={**complainant_prefill(user), **typed})
            return TemplateResponse(
                request, "complaints/complaint_form.html", {"form": form, "limited": True}, status=429
            )
        if request.POST.get(HONEYPOT_FIELD, "").strip():
            # A robot filled the hidden field: it gets the usual page and a number that leads nowhere; nothing kept.
            request.session[SESSION_KEY] = tracking_number_new(TRACKING_PREFIX, timezone.localdate().year)
            return redirect("complaints:done")
        form = ComplaintForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = complaint_submit(
                    category=data["category"],
                    kecamatan=data["kecamatan"],
                    service=data["service"],
                    application=data["application"],
                    message=data["message"].strip(),
                    name=data["name"].strip(),
                    email=data["email"],
                    mobile=data["mobile"] or "",
                    nik=data["nik"],
                    attachment=data["attachment"] or None,
                    complainant=user,
                    submission_token=data["submission_token"],
                )
            except UploadsNotStored:
                # Storage is down: nothing was kept, and the form comes back as typed with the same token.
                context = {"form": form, "limited": False, "not_saved": True}
                response = TemplateResponse(request, "complaints/complaint_form.html", context, status=503)
                response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
                return response
            request.session[SESSION_KEY] = complaint.tracking_number
            return redirect("complaints:done")
    else:
        initial = complainant_prefill(user)
        service = request.GET.get("layanan", "")
        if service.isdigit():
            initial["service"] = int(service)
        form = ComplaintForm(user=user, initial=initial)
    return TemplateResponse(request, "complaints/complaint_form.html", {"form": form, "limited": False})


@never_cache
def complaint_done(request):
    """The confirmation with the tracking number, kept in the session: a refresh shows it again and sends nothing."""
    number = request.session.get(SESSION_KEY)
    if not number:
        return redirect("complaints:create")
    return TemplateResponse(request, "complaints/complaint_done.html", {"tracking_number": number})


@never_cache
@sensitive_post_parameters()
def complaint_tracking(request):
    """The status and the office's responses for the tracking number with the NIK's last 4 digits; nothing else."""
    result, not_found, limited = None, False, False
    if request.method == "POST":
        form = ComplaintTrackingForm(request.POST)
        if _over_limit(request, "complaint-tracking", TRACKING_ATTEMPTS, TRACKING_WINDOW_SECONDS):
            limited = True
        elif form.is_valid():
            result = complaint_for_tracking(tracking_number=form.cleaned_data["nomor"], nik4=form.cleaned_data["nik4"])
            not_found = result is None
    else:
        form = ComplaintTrackingForm(initial={"nomor": request.GET.get("nomor", "")})
    context = {"form": form, "complaint": result, "not_found": not_found, "limited": limited}
    return TemplateResponse(request, "complaints/complaint_tracking.html", context, status=429 if limited else 200)
