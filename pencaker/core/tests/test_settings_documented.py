import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_environment_variable_is_documented_in_env_example():
    settings_source = (ROOT / "pencaker" / "settings.py").read_text()
    read = set(re.findall(r'env(?:_bool|_int|_list)?\(\s*"([A-Z0-9_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no environment variables found in settings"
    assert read - documented == set()
