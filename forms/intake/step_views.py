"""The citizen's form, one step per page, then check your answers and the declaration; each works without JavaScript.

Every step is kept in the citizen's draft (forms.intake.drafts) as soon as it is sent, so they may stop after any
step and go on later from another device; the page's conditions are decided here, on the server.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.forms import BooleanField, ChoiceField, ModelChoiceField, MultipleChoiceField
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from forms.constants import AccountPrefill, ApplicationFieldType
from forms.identity import mask_nik
from forms.models import Application, CitizenProfile
from forms.models.pages import NOT_SAVED_RETRY_AFTER_SECONDS
from forms.office.storage import UploadsNotStored

from .builder import DocumentField
from .drafts import draft_document_remove, draft_of, draft_step_save
from .steps import answer_from_cleaned, answers_as_data, form_plan
from .submit import application_draft_submit
from .uploads import CleanUpload

BACK_TO_CHECK = "periksa"


def _account_prefill(page, user) -> dict:
    """What the account already says, as a field's first value; the citizen may change it."""
    profile = getattr(user, "citizen_profile", None)
    values = {
        AccountPrefill.NAME: (profile.full_name if profile else "") or user.get_full_name(),
        AccountPrefill.EMAIL: user.email,
        AccountPrefill.MOBILE: profile.mobile if profile else "",
    }
    return {
        form_field.clean_name: values[form_field.prefill]
        for form_field in page.get_form_fields()
        if form_field.prefill in values and values[form_field.prefill]
    }


def _identity_fields(page) -> dict[str, str]:
    """The NIK and KK fields of the page, by the Application column they fill."""
    columns = {ApplicationFieldType.NIK: "nik", ApplicationFieldType.KK: "kk_number"}
    return {
        columns[form_field.field_type]: form_field.clean_name
        for form_field in page.get_form_fields()
        if form_field.field_type in columns
    }


def _applications_with_identity(applicant):
    return Application.objects.filter(applicant=applicant, anonymised_at__isnull=True).exclude(nik="")


def _last_identity(user):
    """The citizen's last application that carries a NIK, for the prefill they may choose."""
    kept = getattr(user, "_last_identity_kept", _NOT_READ)
    if kept is not _NOT_READ:
        return kept
    return _applications_with_identity(user).order_by("-submit_time").only("nik", "kk_number").first()


_NOT_READ = object()


def _read_profile_and_last_identity(user) -> None:
    """A step that asks for the NIK reads both the profile (its prefill) and the last application (the offer to
    fill the NIK in): one query, the profile annotated with that application's NIK and KK number."""
    last = _applications_with_identity(OuterRef("user_id")).order_by("-submit_time")
    profile = (
        CitizenProfile.objects.filter(user=user)
        .annotate(last_nik=Subquery(last.values("nik")[:1]), last_kk_number=Subquery(last.values("kk_number")[:1]))
        .first()
    )
    if profile is None:
        return  # no profile (an account made before profiles, or staff): each is asked for on its own
    user.citizen_profile = profile
    user._last_identity_kept = (
        SimpleNamespace(nik=profile.last_nik, kk_number=profile.last_kk_number or "") if profile.last_nik else None
    )


def _step_form(page, step, answers, draft, user, *, data=None, files=None):
    form_class = page.get_form_class()
    initial = {**_account_prefill(page, user), **answers}
    if data is not None:
        form = form_class(data, files, page=page, user=user, initial=initial)
    else:
        form = form_class(page=page, user=user, initial=initial)
    for name in list(form.fields):
        if name not in step.names:
            del form.fields[name]
    plan = form_plan(page)
    if form.is_bound:
        form.conditions_apply(answers)
    else:
        shown = plan.visible(answers)
        for name in list(form.fields):
            rule = plan.rules.get(name)
            # A field that depends on an answer in this same step is shown, marked for the script to hide it
            # until that answer is given; without the script it is asked, and ignored if the answer differs.
            if rule is not None and rule.target in step.names:
                form.fields[name].show_when = (rule.target, rule.expected)
            elif name not in shown:
                del form.fields[name]
    kept = {document.field_name: document for document in draft.documents.all()} if draft else {}
    for name, field in form.fields.items():
        if isinstance(field, DocumentField) and name in kept:
            field.required = False  # kept from before: a new file replaces it, none keeps it
            field.kept = kept[name]
    return form


def _first_undone(plan, draft, answers, before: int | None = None):
    done = set(draft.steps_done) if draft else set()
    for step in plan.visible_steps(answers):
        if before is not None and step.number >= before:
            return None
        if step.number not in done:
            return step
    return None


def _next_url(page, plan, step, answers, draft, back_to_check: bool) -> str:
    if not back_to_check:
        for later in plan.visible_steps(answers):
            if later.number > step.number:
                return page.step_url(later.number)
    undone = _first_undone(plan, draft, answers)
    return page.step_url(undone.number) if undone else page.check_url()


def draft_continue_url(draft) -> str:
    """Where a citizen goes on with a draft: the first step not done yet, or the check once every step is."""
    page = draft.page.specific
    undone = _first_undone(form_plan(page), draft, draft.answers)
    return page.step_url(undone.number) if undone else page.check_url()


def step(request, *, page, number):
    """One step of the form: GET shows it with the kept answers and files, POST keeps it and goes on."""
    plan = form_plan(page)
    step = plan.step(number)
    if step is None:
        raise Http404
    draft = draft_of(applicant=request.user, page=page)
    answers = draft.answers if draft else {}
    visible = plan.visible_steps(answers)
    if step not in visible:
        # Not asked of this citizen (a condition hides it): on to the next step that is.
        return redirect(_next_url(page, plan, step, answers, draft, back_to_check=False))
    undone = _first_undone(plan, draft, answers, before=number)
    if undone is not None:
        return redirect(page.step_url(undone.number))
    back_to_check = request.GET.get("kembali") == BACK_TO_CHECK
    here = page.step_url(number) + (f"?kembali={BACK_TO_CHECK}" if back_to_check else "")

    if request.method == "POST" and request.POST.get("hapus"):
        if draft is not None:
            draft_document_remove(draft=draft, field_name=request.POST["hapus"])
            messages.info(request, _("The file was removed. Choose another one before you go on."))
        return redirect(here)
    identity = _identity_fields(page)
    if request.method == "POST" and request.POST.get("isi_identitas") == "ya":
        last = _last_identity(request.user)
        if last is not None:
            values = {identity[column]: getattr(last, column) for column in identity if getattr(last, column)}
            draft_step_save(applicant=request.user, page=page, answers=values)
        return redirect(here)

    not_saved = False
    if identity.get("nik") in step.names and not answers.get(identity["nik"]):
        _read_profile_and_last_identity(request.user)
    if request.method == "POST":
        form = _step_form(page, step, answers, draft, request.user, data=request.POST, files=request.FILES)
        valid = form.is_valid()
        kept_answers = {
            name: answer_from_cleaned(value)
            for name, value in form.cleaned_data.items()
            if name in form.fields and not isinstance(form.fields[name], DocumentField)
        }
        uploads = {name: value for name, value in form.cleaned_data.items() if isinstance(value, CleanUpload)}
        hidden = [name for name in step.names if name not in form.fields]
        try:
            if valid:
                draft = draft_step_save(
                    applicant=request.user,
                    page=page,
                    answers=kept_answers,
                    uploads=uploads,
                    forget=hidden,
                    step=number,
                )
                return redirect(_next_url(page, plan, step, draft.answers, draft, back_to_check))
            if uploads:
                # Files that passed their checks are kept across the errors of the other fields.
                draft = draft_step_save(applicant=request.user, page=page, answers={}, uploads=uploads)
                for name, document in {d.field_name: d for d in draft.documents.all()}.items():
                    if name in form.fields:
                        form.fields[name].required = False
                        form.fields[name].kept = document
        except UploadsNotStored:
            not_saved = True
    else:
        form = _step_form(page, step, answers, draft, request.user)

    offer_identity = None
    if identity.get("nik") in form.fields and not answers.get(identity["nik"]):
        last = _last_identity(request.user)
        offer_identity = mask_nik(last.nik) if last else None
    context = {
        **page.get_context(request),
        "form": form,
        "step": step,
        "steps": visible,
        "step_index": visible.index(step) + 1,
        "previous_url": page.step_url(visible[visible.index(step) - 1].number) if visible.index(step) else None,
        "back_to_check": back_to_check,
        "action_url": here,
        "draft": draft,
        "offer_identity": offer_identity,
        "not_saved": not_saved,
    }
    response = TemplateResponse(request, "intake/application_form_step.html", context, status=503 if not_saved else 200)
    if not_saved:
        response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
    return response


def _shown(field, value, kept=None) -> str:
    """An answer as the citizen reads it back."""
    if isinstance(field, DocumentField):
        return f"{kept.original_name} ({filesizeformat(kept.size)})" if kept else "—"
    if value in (None, "", []):
        return "—"
    if isinstance(field, BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, ModelChoiceField):
        chosen = field.queryset.filter(pk=value).first()
        return str(chosen) if chosen else "—"
    if isinstance(field, ChoiceField | MultipleChoiceField):
        labels = {str(key): str(label) for key, label in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    return str(value)


def _final_form(page, draft, user, data=None):
    """The whole form, bound to the draft's answers, so every check runs once more before submitting."""
    form_class = page.get_form_class()
    bound = answers_as_data(draft.answers)
    bound["submission_token"] = str(draft.submission_token)
    if data is not None and data.get("pernyataan"):
        bound["pernyataan"] = "on"
    form = form_class(bound, {}, page=page, user=user)
    form.conditions_apply(draft.answers)
    for document in draft.documents.all():
        field = form.fields.get(document.field_name)
        if isinstance(field, DocumentField):
            field.required = False
            field.kept = document
    return form


def check(request, *, page):
    """Check your answers, each with a link back to its step, then the declaration and the submit."""
    draft = draft_of(applicant=request.user, page=page)
    if draft is None:
        token = request.POST.get("draf") if request.method == "POST" else None
        done = Application.objects.filter(submission_token=token, applicant=request.user).first() if token else None
        if done is not None:  # the same draft sent twice: its application
            return redirect("intake:application_receipt", done.tracking_number)
        return redirect(page.step_url(1))
    plan = form_plan(page)
    undone = _first_undone(plan, draft, draft.answers)
    if undone is not None:
        return redirect(page.step_url(undone.number))
    not_saved = False
    form = _final_form(page, draft, request.user, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_draft_submit(draft=draft, applicant=request.user, form=form)
        except UploadsNotStored:
            not_saved = True
        else:
            return redirect("intake:application_receipt", application.tracking_number)
    kept = {document.field_name: document for document in draft.documents.all()}
    sections = []
    for visible_step in plan.visible_steps(draft.answers):
        rows = [
            {
                "name": name,
                "label": form.fields[name].label,
                "value": _shown(form.fields[name], draft.answers.get(name), kept.get(name)),
                "errors": form.errors.get(name, []) if request.method == "POST" else [],
            }
            for name in visible_step.names
            if name in form.fields
        ]
        change = page.step_url(visible_step.number) + f"?kembali={BACK_TO_CHECK}"
        sections.append({"step": visible_step, "rows": rows, "change_url": change})
    answer_errors = request.method == "POST" and any(row["errors"] for section in sections for row in section["rows"])
    context = {
        **page.get_context(request),
        "form": form,
        "sections": sections,
        "draft": draft,
        "declaration": form["pernyataan"],
        "answer_errors": answer_errors,
        "show_errors": request.method == "POST",
        "not_saved": not_saved,
    }
    response = TemplateResponse(
        request, "intake/application_form_check.html", context, status=503 if not_saved else 200
    )
    if not_saved:
        response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
    return response


class StepViews:
    step = staticmethod(step)
    check = staticmethod(check)
