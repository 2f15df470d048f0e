"""The Kubernetes manifests of deploy/kubernetes/: valid for the Kubernetes API, and running
the site as the image and the production settings expect (no cluster runs here)."""

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, get_commands, load_command_class
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
# The cluster version the resources are checked against: the oldest one the pinned
# kubernetes-validate bundles, since managed clusters trail the newest release.
KUBERNETES_VERSION = "1.33"
NAME = "app.kubernetes.io/name"
COMPONENT = "app.kubernetes.io/component"
WORKLOAD_KINDS = ("Deployment", "Job", "CronJob")


def load_documents():
    """(file name, document) for every YAML document in the folder."""
    return [
        (path.name, document)
        for path in sorted(MANIFESTS.glob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text())
        if document is not None
    ]


DOCUMENTS = load_documents()
RESOURCES = [
    (file, document) for file, document in DOCUMENTS if document["kind"] != "Kustomization"
]


def of_kind(kind):
    return [document for _file, document in RESOURCES if document["kind"] == kind]


def the_one(kind, component):
    found = [doc for doc in of_kind(kind) if doc["metadata"]["labels"][COMPONENT] == component]
    assert len(found) == 1, f"expected one {kind} for {component}, found {len(found)}"
    return found[0]


def pod_spec(workload):
    spec = workload["spec"]
    if workload["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def containers(pod):
    return [*pod.get("initContainers", []), *pod["containers"]]


def workload_id(workload):
    return f"{workload['kind']}/{workload['metadata']['name']}"


WORKLOADS = [document for _file, document in RESOURCES if document["kind"] in WORKLOAD_KINDS]
# (workload/container, argv) for every container that does not run the image's CMD.
COMMANDS = [
    (
        f"{workload_id(workload)}/{container['name']}",
        [*container["command"], *container.get("args", [])],
    )
    for workload in WORKLOADS
    for container in containers(pod_spec(workload))
    if "command" in container
]


def kubernetes_validate():
    try:
        import kubernetes_validate
    except ImportError:
        pytest.fail("kubernetes-validate is missing: pip install -r requirements-test.txt")
    return kubernetes_validate


def test_the_manifests_run_every_part_of_the_site():
    components = {
        (document["kind"], document["metadata"]["labels"][COMPONENT])
        for _file, document in RESOURCES
    }
    assert components == {
        ("ConfigMap", "config"),
        ("Secret", "config"),
        ("Deployment", "web"),
        ("Service", "web"),
        ("Ingress", "web"),
        ("HorizontalPodAutoscaler", "web"),
        ("PodDisruptionBudget", "web"),
        ("Deployment", "worker"),
        ("Job", "migrate"),
        ("CronJob", "scheduler"),
    }
    assert all(document["metadata"]["labels"][NAME] == "globalhealth" for _f, document in RESOURCES)


@pytest.mark.parametrize(
    ("file", "resource"),
    RESOURCES,
    ids=[f"{file}:{resource['kind']}" for file, resource in RESOURCES],
)
def test_resource_is_valid_for_the_kubernetes_api(file, resource):
    """Strict: a misspelled or misplaced field fails, as the API server would refuse it."""
    validator = kubernetes_validate()
    refusal = None
    try:
        version = validator.validate(resource, KUBERNETES_VERSION, strict=True)
    except validator.ValidationError as error:
        where = ".".join(str(part) for part in error.path) or "top level"
        refusal = f"{resource['kind']} at {where}: {error.message}"
    except validator.SchemaNotFoundError as error:
        refusal = error.message
    if refusal:  # failed outside the handler: the schema in the traceback would bury it
        pytest.fail(f"{file}: {refusal}")
    assert version == KUBERNETES_VERSION


def test_the_kustomization_applies_every_manifest_with_one_image():
    kustomizations = [document for file, document in DOCUMENTS if file == "kustomization.yaml"]
    assert len(kustomizations) == 1
    kustomization = kustomizations[0]
    manifests = {path.name for path in MANIFESTS.glob("*.yaml")} - {"kustomization.yaml"}
    listed = kustomization["resources"]
    assert len(listed) == len(set(listed))
    assert set(listed) == manifests
    # Setting the release's tag once changes it for every workload, the migrations included.
    images = {image["name"] for image in kustomization["images"]}
    used = {
        container["image"] for workload in WORKLOADS for container in containers(pod_spec(workload))
    }
    assert used == images


def http_probe(container, probe):
    """(path, port number) of the container's HTTP probe of that kind."""
    check = container[probe]["httpGet"]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    return check["path"], ports.get(check["port"], check["port"])


def test_web_pods_are_probed_on_the_health_endpoints_and_the_worker_is_not():
    """/readyz (database, bucket, cache) decides traffic, /healthz (no I/O) restarts; a
    process serving no HTTP gets no HTTP probe, which would restart it forever."""
    for deployment in of_kind("Deployment"):
        for container in containers(pod_spec(deployment)):
            where = f"{workload_id(deployment)}/{container['name']}"
            if not container.get("ports"):
                probes = {"startupProbe", "readinessProbe", "livenessProbe"} & set(container)
                assert not any("httpGet" in container[probe] for probe in probes), where
                continue
            (port,) = {port["containerPort"] for port in container["ports"]}
            assert http_probe(container, "readinessProbe") == ("/readyz", port), where
            assert http_probe(container, "livenessProbe") == ("/healthz", port), where
            assert http_probe(container, "startupProbe") == ("/healthz", port), where
            liveness, readiness = container["livenessProbe"], container["readinessProbe"]
            assert liveness["failureThreshold"] > readiness["failureThreshold"], where


def test_a_rollout_or_a_drain_drops_no_request():
    web = the_one("Deployment", "web")
    assert "replicas" not in web["spec"]  # the autoscaler's to set
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    pod = pod_spec(web)
    (container,) = pod["containers"]
    assert "command" not in container and "args" not in container  # the image's gunicorn
    # gunicorn's graceful timeout as the image runs it: neither its CMD, gunicorn.conf.py
    # nor the environment change the default.
    for path in (ROOT / "Dockerfile", ROOT / "gunicorn.conf.py"):
        assert "graceful" not in path.read_text(), path
    assert "GUNICORN_CMD_ARGS" not in the_one("ConfigMap", "config")["data"]
    graceful = Config().graceful_timeout
    sleep = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert sleep >= 5  # endpoints and the ingress let go of the pod meanwhile
    assert pod["terminationGracePeriodSeconds"] > sleep + graceful


def test_the_autoscaler_and_the_disruption_budget_govern_the_web_pods():
    web = the_one("Deployment", "web")
    web_labels = web["spec"]["template"]["metadata"]["labels"]
    autoscaler = the_one("HorizontalPodAutoscaler", "web")
    target = autoscaler["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        "apps/v1",
        "Deployment",
        web["metadata"]["name"],
    )
    budget = the_one("PodDisruptionBudget", "web")
    selector = budget["spec"]["selector"]["matchLabels"]
    assert selector.items() <= web_labels.items()
    worker_labels = the_one("Deployment", "worker")["spec"]["template"]["metadata"]["labels"]
    assert not selector.items() <= worker_labels.items()
    service = the_one("Service", "web")
    assert service["spec"]["selector"] == selector
    # A drain can always evict one pod while the budget still holds.
    assert autoscaler["spec"]["minReplicas"] > budget["spec"]["minAvailable"]


def variables_production_requires():
    """The variables config.settings.production refuses to start without, as its own
    error names them in an empty environment."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT,
        env={},
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"need these environment variables: (.+)", result.stderr)
    assert match, result.stderr
    return set(match.group(1).split(", "))


def environment(container):
    """Every variable the container gets, with its value, from its env and envFrom."""
    config_maps = {doc["metadata"]["name"]: doc["data"] for doc in of_kind("ConfigMap")}
    secrets = {doc["metadata"]["name"]: doc["stringData"] for doc in of_kind("Secret")}
    variables = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            variables.update(config_maps[source["configMapRef"]["name"]])
        else:
            variables.update(secrets[source["secretRef"]["name"]])
    variables.update({item["name"]: item.get("value") for item in container.get("env", [])})
    return variables


@pytest.fixture(scope="module")
def required_variables():
    return variables_production_requires()


@pytest.mark.parametrize("workload", WORKLOADS, ids=workload_id)
def test_every_container_gets_what_production_needs(workload, required_variables):
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"} <= required_variables
    for container in containers(pod_spec(workload)):
        variables = environment(container)
        missing = required_variables - {name for name, value in variables.items() if value}
        assert not missing, f"{workload_id(workload)}/{container['name']} lacks {missing}"
        assert variables["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert variables["TASKS_BACKEND"] == "database"


def variables_the_site_reads():
    """Names read by the settings (env(...), environ.get(...)), the image's CMD (${...})
    and Django itself."""
    sources = [*(ROOT / "config" / "settings").glob("*.py"), ROOT / "mail" / "email_url.py"]
    pattern = re.compile(r"""\b(?:env\w*|environ\.get)\(\s*["'](\w+)["']""")
    names = {name for path in sources for name in pattern.findall(path.read_text())}
    names |= set(re.findall(r"\$\{(\w+)\}", (ROOT / "Dockerfile").read_text()))
    return names | {"DJANGO_SETTINGS_MODULE"}


def test_every_variable_given_is_one_the_site_reads():
    """A misspelled name is silently ignored, leaving the default in force."""
    given = {
        *the_one("ConfigMap", "config")["data"],
        *the_one("Secret", "config")["stringData"],
    }
    assert given - variables_the_site_reads() == set()


@pytest.mark.parametrize(("container", "argv"), COMMANDS, ids=[where for where, _argv in COMMANDS])
def test_each_command_is_a_management_command_with_its_options(container, argv):
    assert argv[:2] == ["python", "manage.py"], f"{container} runs {argv}"
    name, options = argv[2], argv[3:]
    commands = get_commands()
    assert name in commands, f"{container}: no management command {name!r}"
    command = load_command_class(commands[name], name)
    try:
        command.create_parser("manage.py", name).parse_args(options)
    except CommandError as error:
        pytest.fail(f"{container}: {' '.join(argv)}: {error}")


def test_the_release_and_the_minute_round_run_the_documented_commands():
    commands = {where.split("/", 1)[1]: argv[2:] for where, argv in COMMANDS}
    # Migrations first (an init container), then the groups that hang on migrated pages.
    assert commands["globalhealth-migrate/migrate"] == ["migrate", "--noinput"]
    assert commands["globalhealth-migrate/create-roles"] == ["create_roles"]
    assert commands["globalhealth-worker/worker"] == ["run_worker"]
    assert commands["globalhealth-scheduler/scheduler"] == ["run_worker", "--once"]
    cron = the_one("CronJob", "scheduler")["spec"]
    assert cron["suspend"] is True  # the worker Deployment already runs the minute round
    assert cron["concurrencyPolicy"] == "Forbid"
    assert cron["schedule"] == "* * * * *"


def test_pods_run_as_the_image_user_on_a_read_only_root():
    user = int(re.search(r"^USER (\d+)$", (ROOT / "Dockerfile").read_text(), re.M).group(1))
    for workload in WORKLOADS:
        pod = pod_spec(workload)
        context = pod["securityContext"]
        assert context["runAsNonRoot"] is True
        assert context["runAsUser"] == user, workload_id(workload)
        writable = {volume["name"] for volume in pod.get("volumes", []) if "emptyDir" in volume}
        for container in containers(pod):
            where = f"{workload_id(workload)}/{container['name']}"
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, where
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, where
            mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
            tmp = mounts.get("/tmp")  # noqa: S108 - the pod's mount, not a file opened here
            assert tmp in writable, f"{where}: gunicorn and uploads need a writable /tmp"


def test_the_schema_check_refuses_an_unknown_field_and_a_wrong_type():
    """Strict mode is on: a misspelled probe and a number where the API wants a string."""
    validator = kubernetes_validate()
    web = copy.deepcopy(the_one("Deployment", "web"))
    web["spec"]["template"]["spec"]["containers"][0]["readinessProb"] = {}
    with pytest.raises(validator.ValidationError):
        validator.validate(web, KUBERNETES_VERSION, strict=True)
    config = copy.deepcopy(the_one("ConfigMap", "config"))
    config["data"]["WEB_CONCURRENCY"] = 2
    with pytest.raises(validator.ValidationError):
        validator.validate(config, KUBERNETES_VERSION, strict=True)
