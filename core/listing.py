"""Pagination and filters shared by the index pages."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page=None):
    """The requested page of `queryset`; a missing, malformed or out-of-range
    `page` parameter gives the first or last page rather than an error."""
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


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
        page = paginate(request, form.filter(items), self.per_page)
        page.object_list = self.with_listing_extras(page.object_list)
        context.update(filter_form=form, items=page, querystring=querystring_without_page(request))
        return context
