"""Both PyYAML loaders, so a test proves behaviour that must not depend on which is installed."""

import pytest
import yaml

LOADERS = [
    pytest.param(yaml.SafeLoader, id="pure-python"),
    pytest.param(yaml.CSafeLoader, id="libyaml"),
]
