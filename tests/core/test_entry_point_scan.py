"""The fast entry-point scan agrees with importlib.metadata and falls back when it must."""

import importlib.metadata as md
import sys
import zipfile

import pytest

from autograd.plugins import _manager


def _dist_info(root, dirname, meta_name, name, version, entry_points):
    d = root / dirname
    d.mkdir()
    (d / meta_name).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nbody\n")
    (d / "entry_points.txt").write_text(entry_points)


def _as_tuples(eps):
    return sorted((e.name, e.value, e.dist.name, e.dist.version) for e in eps)


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    return tmp_path


def test_scan_matches_importlib_metadata(site):
    _dist_info(site, "my_plugin-1.2.dist-info", "METADATA", "my-plugin", "1.2",
               "[console_scripts]\nx = a:b\n\n[autograd]\nmine = my_plugin._plugin\n"
               "# a comment\nother = my_plugin.other:hooks\n")
    _dist_info(site, "old_plugin.egg-info", "PKG-INFO", "old-plugin", "0.3",
               "[autograd]\nold = old_plugin.plugin\n")
    _dist_info(site, "unrelated-1.0.dist-info", "METADATA", "unrelated", "1.0",
               "[console_scripts]\nu = u:main\n")
    fast = _manager._scan_entry_points("autograd")
    assert _as_tuples(fast) == _as_tuples(md.entry_points(group="autograd"))
    assert {e.name for e in fast} == {"mine", "other", "old"}


def test_first_distribution_on_the_path_wins(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    _dist_info(a, "dup-1.0.dist-info", "METADATA", "dup", "1.0", "[autograd]\nx = first\n")
    _dist_info(b, "dup-2.0.dist-info", "METADATA", "dup", "2.0", "[autograd]\nx = second\n")
    monkeypatch.setattr(sys, "path", [str(a), str(b)])
    assert _as_tuples(_manager._scan_entry_points("autograd")) == [("x", "first", "dup", "1.0")]


def test_entry_point_load_resolves_module_and_attribute(site):
    (site / "ep_target.py").write_text("class hooks:\n    value = 42\n")
    ep = _manager._EntryPoint("t", "ep_target:hooks", "autograd", _manager._Dist("d", "1"))
    try:
        assert ep.load().value == 42
    finally:
        sys.modules.pop("ep_target", None)


def test_a_zip_on_the_path_falls_back_to_importlib_metadata(site, monkeypatch):
    archive = site / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("z-1.0.dist-info/METADATA", "Name: z\nVersion: 1.0\n")
        z.writestr("z-1.0.dist-info/entry_points.txt", "[autograd]\nz = z_plugin\n")
    monkeypatch.setattr(sys, "path", [str(site), str(archive)])
    with pytest.raises(_manager._Unusual):
        _manager._scan_entry_points("autograd")
    assert [(e.name, e.value) for e in _manager.installed_entry_points()] == [("z", "z_plugin")]


@pytest.mark.parametrize("only", ["autograd-numpy", "Autograd_Numpy", "old-plugin", "my.plugin",
                                  "absent"])
def test_scan_of_one_distribution_is_the_full_scan_filtered(site, only):
    # autograd._lazy asks for one add-on's entry points before discovery
    from autograd import _entry_points
    from autograd._settings import norm
    _dist_info(site, "autograd_numpy-2.0.dist-info", "METADATA", "autograd-numpy", "2.0",
               "[autograd]\nnumpy = autograd_numpy._plugin\n")
    _dist_info(site, "Autograd_Numpy_Extra-1.0.dist-info", "METADATA", "autograd-numpy-extra",
               "1.0", "[autograd]\nextra = extra._plugin\n")
    _dist_info(site, "my_plugin-1.2.dist-info", "METADATA", "my-plugin", "1.2",
               "[autograd]\nmine = my_plugin._plugin\n")
    _dist_info(site, "old_plugin.egg-info", "PKG-INFO", "old-plugin", "0.3",
               "[autograd]\nold = old_plugin.plugin\n")
    full = [e for e in _entry_points.scan() if norm(e.dist.name) == norm(only)]
    assert _as_tuples(_entry_points.scan(only=only)) == _as_tuples(full)
    assert (full != []) is (only != "absent")


def test_scan_of_one_distribution_still_stops_at_an_egg(site):
    from autograd import _entry_points
    (site / "thing-1.0-py3.11.egg").mkdir()
    with pytest.raises(_entry_points.Unusual):
        _entry_points.scan(only="autograd-numpy")


def test_scan_beside_reads_the_metadata_next_to_the_package(site):
    from autograd import _entry_points
    (site / "pkgx").mkdir()
    (site / "pkgx" / "__init__.py").write_text("")
    (site / "loose").mkdir()                      # a namespace package: no install of its own
    (site / "lonely").mkdir()
    (site / "lonely" / "__init__.py").write_text("")
    _dist_info(site, "pkgx-1.0.dist-info", "METADATA", "pkgx", "1.0", "[autograd]\nx = pkgx._plugin\n")
    _dist_info(site, "loose-1.0.dist-info", "METADATA", "loose", "1.0", "[autograd]\nl = loose.p\n")
    assert _as_tuples(_entry_points.scan_beside("pkgx", "pkgx")) == [("x", "pkgx._plugin", "pkgx", "1.0")]
    assert _entry_points.scan_beside("lonely", "lonely") is None     # an editable install, say
    assert _entry_points.scan_beside("loose", "loose") is None
    assert _entry_points.scan_beside("absent_package", "absent") is None
