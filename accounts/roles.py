"""The editorial roles as Django groups, with exactly the permissions each needs, and the
moderation workflow that sends submitted pages to the Moderators (see `create_roles`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from wagtail.admin.auth import permission_denied
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
PARTNER_LIAISONS = "Partner liaisons"
# The names Wagtail's migrations give the default workflow and its task.
WORKFLOW_NAME = "Moderators approval"

ADMIN = ("wagtailadmin.access_admin",)
SNIPPETS = tuple(
    f"core.{action}_{model}"
    for model in ("person", "topic", "footertext")
    for action in ("add", "change", "publish", "view")
)
TRANSLATE = ("wagtail_localize.submit_translation",)
GLOSSARY = tuple(
    f"translations.{action}_glossaryterm" for action in ("add", "change", "delete", "view")
)
MEDIA_TRANSLATIONS = tuple(
    f"media.{action}_{model}"
    for model in ("imagetext", "documentvariant")
    for action in ("add", "change")
)
MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)


def partner_index_model():
    """The partners app's index page, looked up in the app registry: roles sit below the
    content apps and name their models without importing them."""
    return apps.get_model("partners", "PartnerIndexPage")


def whole_tree():
    """The root of the page tree: above every site's home page in every locale."""
    return [Page.get_first_root_node()]


def partner_indexes():
    """Every partner index page, in every locale."""
    return list(partner_index_model().objects.order_by("path"))


@dataclass(frozen=True)
class Role:
    """A group and what it may do: model permissions, page permissions granted on the
    pages `page_scope` returns (and so below them), and media permissions on the root
    collection."""

    name: str
    permissions: tuple[str, ...]
    page_permissions: tuple[str, ...]
    page_scope: Callable[[], list[Page]]
    page_scope_name: str
    collection_permissions: tuple[str, ...]


ROLES = (
    Role(
        EDITORS,
        # Not TRANSLATE: wagtail-localize's "update translations" may publish them,
        # checking only that permission.
        permissions=ADMIN + SNIPPETS + GLOSSARY + MEDIA_TRANSLATIONS,
        page_permissions=("add_page", "change_page"),
        page_scope=whole_tree,
        page_scope_name="the whole page tree (every site and locale)",
        collection_permissions=MEDIA,
    ),
    Role(
        MODERATORS,
        permissions=ADMIN + SNIPPETS + TRANSLATE + GLOSSARY + MEDIA_TRANSLATIONS,
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        page_scope=whole_tree,
        page_scope_name="the whole page tree (every site and locale)",
        collection_permissions=MEDIA,
    ),
    Role(
        PARTNER_LIAISONS,
        permissions=ADMIN,
        page_permissions=("add_page", "change_page"),
        page_scope=partner_indexes,
        page_scope_name="the partner pages below the partner index page of every locale",
        collection_permissions=("wagtailimages.add_image", "wagtailimages.choose_image"),
    ),
)


def permission(name):
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise ImproperlyConfigured(
            f"The permission {name} does not exist yet: run `manage.py migrate` first."
        ) from None


def page_permission(codename):
    return permission(f"wagtailcore.{codename}")


def reconcile_rows(model, group, target, wanted):
    """Make a group's permission rows on pages or collections (`model`, whose foreign key
    `target` names the page or collection) exactly `wanted`, a set of (target id,
    permission id) pairs; return how many rows were added or removed."""
    field = f"{target}_id"
    rows = model.objects.filter(group=group)
    have = set(rows.values_list(field, "permission_id"))
    for target_id, permission_id in have - wanted:
        rows.filter(**{field: target_id, "permission_id": permission_id}).delete()
    missing = wanted - have
    model.objects.bulk_create(
        model(group=group, **{field: target_id, "permission_id": permission_id})
        for target_id, permission_id in sorted(missing)
    )
    return len(have - wanted) + len(missing)


def apply_role(role):
    """Create or update the role's group; return the group, whether it was created, the
    number of permissions added or removed, and the pages its page permissions are on."""
    group, created = Group.objects.get_or_create(name=role.name)
    wanted = {permission(name).pk for name in role.permissions}
    have = set(group.permissions.values_list("pk", flat=True))
    group.permissions.remove(*(have - wanted))
    group.permissions.add(*(wanted - have))
    changes = len(have ^ wanted)
    pages = role.page_scope()
    page_permissions = [page_permission(code).pk for code in role.page_permissions]
    changes += reconcile_rows(
        GroupPagePermission,
        group,
        "page",
        {(page.pk, permission_id) for page in pages for permission_id in page_permissions},
    )
    root_collection = Collection.get_first_root_node()
    changes += reconcile_rows(
        GroupCollectionPermission,
        group,
        "collection",
        {(root_collection.pk, permission(name).pk) for name in role.collection_permissions},
    )
    return group, created, changes, pages


def describe(role, pages):
    """One line on what the role got, for the command's output."""
    actions = {}
    for name in role.permissions:
        _app, codename = name.split(".", 1)
        action, _sep, subject = codename.partition("_")
        actions.setdefault(subject, []).append(action)
    held = ", ".join(f"{subject} ({'/'.join(verbs)})" for subject, verbs in actions.items())
    page_actions = ", ".join(code.removesuffix("_page") for code in role.page_permissions)
    where = role.page_scope_name
    if not pages:
        where += " (none yet: run again once there is one)"
    elif not pages[0].is_root():
        where += f" ({len(pages)})"
    media = ", ".join(name.split(".", 1)[1] for name in role.collection_permissions)
    return f"permissions: {held}; pages: {page_actions} in {where}; root collection: {media}"


def ensure_moderation_workflow(moderators):
    """Reuse (or create) the "Moderators approval" workflow with a group approval task for
    the Moderators, keep both active and assign the workflow to the root of the page tree
    unless another workflow is assigned there. Return a line saying what was done."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    changes = []
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        changes.append("created")
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        changes.append("reactivated")
    task = (
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, groups=moderators)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.add(moderators)
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
        changes.append("approval task added")
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
        changes.append("approval task reactivated")
    root = Page.get_first_root_node()
    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
        changes.append("assigned to the page tree root")
        where = "assigned to the page tree root"
    elif assigned.workflow_id == workflow.pk:
        where = "assigned to the page tree root"
    else:
        where = f'not assigned: the page tree root keeps the workflow "{assigned.workflow.name}"'
    state = ", ".join(changes) if changes else "unchanged"
    return f'Workflow "{workflow.name}": {state}; task "{task.name}" for {moderators.name}; {where}'


def refuse_partner_index_to_liaisons(request, page):
    """A `before_edit_page` hook. Partner liaisons hold their page permissions on the
    partner index pages so that they reach every partner page below; Wagtail's permissions
    include the page they are granted on, so the index page itself is refused here, unless
    another of the user's groups lets them edit it."""
    user = request.user
    if (
        user.is_superuser
        or not issubclass(page.specific_class, partner_index_model())
        or not user.groups.filter(name=PARTNER_LIAISONS).exists()
    ):
        return None
    other_grants = GroupPagePermission.objects.filter(
        group__user=user,
        permission__codename="change_page",
        page__in=page.get_ancestors(inclusive=True),
    ).exclude(group__name=PARTNER_LIAISONS)
    if other_grants.exists():
        return None
    return permission_denied(request)
