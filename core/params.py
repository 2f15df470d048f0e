"""Query parameters of the machine endpoints (API, embed, feeds), read strictly.

A malformed, repeated or unknown parameter is a 400 with a short message naming it
("limit: a whole number from 1 to 100"), so a typo is never silently ignored.
"""

import datetime
import re
from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from core.querysets import locale_for_code, locales_by_id

SLUG = re.compile(r"^[-\w]{1,100}$")


class BadParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name

    def as_response(self):
        return HttpResponseBadRequest(str(self), content_type="text/plain; charset=utf-8")


def whole_number(value, maximum):
    """ASCII digits up to `maximum`: isdigit() is also true of "²", and int() refuses that
    and numbers of more than 4300 digits."""
    return (
        value.isascii()
        and value.isdigit()
        and len(value) <= len(str(maximum))
        and int(value) <= maximum
    )


def locale_from_code(code):
    """The Locale a `locale` parameter names (any case), else a BadParameter listing the
    site's languages."""
    published = {locale.language_code for locale in locales_by_id().values()}
    # A language of the settings not yet added under Settings → Locales is not offered.
    codes = [language for language, _name in settings.LANGUAGES if language in published]
    if code.lower() not in codes:
        raise BadParameter("locale", _("one of %(codes)s") % {"codes": ", ".join(codes)})
    return locale_for_code(code.lower())


class Parameter(forms.CharField):
    """A query parameter: optional, stripped of surrounding spaces."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class LocaleParameter(Parameter):
    """A language code of the site; the default language when not given."""

    def clean(self, value):
        return locale_from_code(super().clean(value) or settings.LANGUAGE_CODE)


class FlagParameter(Parameter):
    def clean(self, value):
        value = (super().clean(value) or "").lower()
        if value in ("1", "true", "yes", "on", ""):
            return bool(value)
        if value in ("0", "false", "no", "off"):
            return False
        raise ValidationError(_("true or false"))


class MomentParameter(Parameter):
    """A date or date-time in ISO 8601; UTC when it names no offset."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            moment = parse_datetime(value)
            if moment is None:
                day = parse_date(value)
                if day is None:
                    raise ValueError
                moment = datetime.datetime.combine(day, datetime.time.min)
        except (ValueError, OverflowError):
            if " " in value:  # an offset's "+" not encoded reads as a space
                raise ValidationError(
                    _("a date or date-time in ISO 8601; in an address, write “+” as %2B")
                ) from None
            raise ValidationError(_("a date or date-time in ISO 8601")) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment


class WholeNumberParameter(Parameter):
    def __init__(self, low, high, *, default, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high, self.default = low, high, default

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return self.default
        if not whole_number(value, self.high) or int(value) < self.low:
            message = _("a whole number from %(low)s to %(high)s")
            raise ValidationError(message % {"low": self.low, "high": self.high})
        return int(value)


class ChoiceParameter(Parameter):
    """One of fixed `choices`; `default` when not given."""

    def __init__(self, choices, *, default=None, **kwargs):
        super().__init__(**kwargs)
        self.allowed, self.default = list(choices), default

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return self.default
        if value not in self.allowed:
            raise ValidationError(_("one of %(choices)s") % {"choices": ", ".join(self.allowed)})
        return value


class PatternParameter(Parameter):
    """A value matching `pattern`; `message` says what is wanted."""

    def __init__(self, pattern, message, **kwargs):
        super().__init__(**kwargs)
        self.pattern, self.message = pattern, message

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if not self.pattern.match(value):
            raise ValidationError(self.message)
        return value


class ItemParameter(Parameter):
    """The slug of an item readers may see, in any language; the item itself is found by
    the form, which knows the locale to prefer."""

    def clean(self, value):
        value = super().clean(value)
        if value and not SLUG.match(value):
            raise ValidationError(_("not a valid slug"))
        return value or None


class QueryParameters(forms.Form):
    """A query string read strictly and in field order: the first unknown, repeated or
    malformed parameter raises BadParameter naming it.

    Filters shared with a listing's filter form are read here too: a form field whose
    choices are items (`choice_queryset`) takes any visible item's slug, the one in
    `self.locale` preferred; a field of fixed choices takes one of their values.
    """

    locale = LocaleParameter()

    def __init__(self, query):
        super().__init__(data=None)
        self.query = query
        unknown = sorted(set(query) - set(self.fields))
        if unknown:
            raise BadParameter(unknown[0], _("unknown parameter"))
        for name in query:
            if len(query.getlist(name)) > 1:
                raise BadParameter(name, _("give it once"))
        self.items = {}
        for name, field in list(self.fields.items()):
            queryset = self.choice_queryset(name)
            if queryset is not None:
                self.items[name] = queryset
                self.fields[name] = ItemParameter()
            elif isinstance(field, forms.ChoiceField):
                self.fields[name] = ChoiceParameter([v for v, _label in field.choices if v])
        self.cleaned_data = {}
        for name, field in self.fields.items():
            try:
                value = field.clean(query.get(name, ""))
                if name in self.items and value is not None:
                    value = self.find_item(name, value)
                if clean_more := getattr(self, f"clean_{name}", None):
                    value = clean_more(value)
            except ValidationError as error:
                raise BadParameter(name, error.messages[0]) from None
            self.cleaned_data[name] = value

    def choice_queryset(self, name):
        """The items a filter chooses from (every language), or None."""
        return None

    def find_item(self, name, slug):
        found = self.items[name].filter(slug=slug).order_by("pk")
        preferred = found.filter(locale=self.locale).first() or found.first()
        if preferred is None:
            raise ValidationError(_("no such %(name)s") % {"name": name})
        return preferred

    def __getattr__(self, name):
        """Each parameter's value as an attribute (`params.limit`)."""
        cleaned = self.__dict__.get("cleaned_data", {})
        if name in cleaned:
            return cleaned[name]
        raise AttributeError(name)

    def selected(self, name):
        return self.cleaned_data.get(name) or None

    def as_query(self, **changes):
        """The parameters as given (for links), with `changes` applied."""
        params = {name: self.query.get(name) for name in self.query}
        params.update(changes)
        return {name: value for name, value in params.items() if value not in (None, "")}


def plain_bad_request(error):
    return error.as_response()


def query_parameters(params_class, bad_request=plain_bad_request):
    """The view is called with the parsed `params_class` after the request; a bad
    parameter is answered by `bad_request(error)` (a plain-text 400) instead."""

    def decorator(view):
        @wraps(view)
        def parsed(request, *args, **kwargs):
            # A refusal speaks the language asked for (`locale`), else the browser's.
            code = request.GET.get("locale", "").lower()
            language = code if code in dict(settings.LANGUAGES) else translation.get_language()
            with translation.override(language):
                try:
                    params = params_class(request.GET)
                except BadParameter as error:
                    return bad_request(error)
            return view(request, params, *args, **kwargs)

        return parsed

    return decorator
