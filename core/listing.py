"""Pagination and filters shared by the index pages."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.dependencies import remember
from core.query_noise import page_parameters, reads

#: How long a listing's count may be kept: "upcoming" moves on with time.
LISTING_SECONDS = 300


def paginate(request, queryset, per_page=None, count=None):
    """The requested page of `queryset` (the first without a `page` parameter); a page
    number that is malformed or past the last page is not found, not rendered. `count`:
    the number of items, when it is known already."""
    reads(request, {"page"})
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY)
    if count is not None:
        paginator.__dict__["count"] = count  # a cached_property
    number = request.GET.get("page")
    if number is None:
        return paginator.page(1)
    if not (number.isascii() and number.isdigit() and len(number) <= 6):
        raise Http404(_("No such page number"))
    try:
        return paginator.page(int(number))
    except InvalidPage:
        raise Http404(_("No such page number")) from None


def querystring_without_page(request):
    """The parameters a page reads, but `page`: for links to the other pages of a
    listing. Parameters pages do not read are not repeated."""
    return urlencode(
        [(name, value) for name, value in page_parameters(request.GET) if name != "page"]
    )


class FilteredIndexMixin:
    """An index page's listing: its items narrowed by the page's filter form and
    paginated, rendered by `components/index_listing.html` (the page type's template
    extends it and names the card of one item).

    Context: `filter_form`, `items` (the requested page of items) and `querystring`.
    Keyword arguments of `get_context` (a sub-view's, such as `archive`) reach
    `listing_items`.
    """

    filter_form_class = None
    per_page = None

    def listing_items(self, **kwargs):
        """The items before filtering, in listing order."""
        raise NotImplementedError

    def filter_form(self, request, items):
        return self.filter_form_class(request.GET, locale=self.listing_locale)

    def with_listing_extras(self, items):
        """The shown items with what their cards show beyond the queryset."""
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listing_items(**kwargs)
        form = self.filter_form(request, items)
        reads(request, form.fields)
        filtered = form.filter(items)
        querystring = querystring_without_page(request)
        # The number of items, kept until one of them changes, tells a page past the end
        # (404) without a query; the items are read only when the listing is rendered,
        # not when the page's main part comes whole from the cache.
        key = f"listing-count:{self.pk}:{kwargs!r}:{querystring}"
        count = remember(key, filtered.count, timeout=LISTING_SECONDS)
        page = paginate(request, filtered, self.per_page, count=count)
        shown = page.object_list
        page.object_list = SimpleLazyObject(lambda: list(self.with_listing_extras(shown)))
        context.update(filter_form=form, items=page, querystring=querystring)
        return context
