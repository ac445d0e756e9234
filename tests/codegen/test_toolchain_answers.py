"""gcc's answers about itself are asked once per machine and kept in the cache folder, under
a key that changes with the compiler, the CPU and the caller's inputs."""
import os

from eqsim.codegen import compiler, toolchain_answers

CPUINFO = """processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: 1
model name\t: AMD EPYC
stepping\t: 1
cache size\t: 512 KB
flags\t\t: fpu sse2 avx avx2 fma

processor\t: 1
vendor_id\t: AuthenticAMD
flags\t\t: fpu sse2 avx avx2 fma
"""


def _cpuinfo(tmp_path, text, name="cpuinfo"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_the_key_changes_with_the_cpu_flags_the_model_and_the_inputs(tmp_path):
    base = toolchain_answers.identity("gcc", ("-O3",), _cpuinfo(tmp_path, CPUINFO))
    assert base is not None
    assert "AMD EPYC" in base and "avx2" in base
    other_flags = _cpuinfo(tmp_path, CPUINFO.replace("avx2 fma\n\nprocessor",
                                                      "avx2 fma avx512f\n\nprocessor"), "b")
    other_model = _cpuinfo(tmp_path, CPUINFO.replace("model\t\t: 1", "model\t\t: 17"), "c")
    assert toolchain_answers.identity("gcc", ("-O3",), other_flags) != base
    assert toolchain_answers.identity("gcc", ("-O3",), other_model) != base
    assert toolchain_answers.identity("gcc", ("-O2",), _cpuinfo(tmp_path, CPUINFO)) != base
    assert toolchain_answers.identity("gcc", ("-O3",), _cpuinfo(tmp_path, CPUINFO)) == base


def test_the_key_changes_with_the_environment_gcc_reads(tmp_path, monkeypatch):
    cpuinfo = _cpuinfo(tmp_path, CPUINFO)
    before = toolchain_answers.identity("gcc", (), cpuinfo)
    monkeypatch.setenv("GCC_EXEC_PREFIX", "/opt/other-gcc/")
    assert toolchain_answers.identity("gcc", (), cpuinfo) != before


def test_no_key_without_the_cpu_or_the_compiler(tmp_path):
    assert toolchain_answers.identity("gcc", (), str(tmp_path / "missing")) is None
    assert toolchain_answers.identity("gcc", (), _cpuinfo(tmp_path, "processor : 0\n")) is None
    assert toolchain_answers.identity("eqsim-no-such-compiler", (),
                                      _cpuinfo(tmp_path, CPUINFO)) is None


def test_an_answer_is_asked_once_per_key_and_read_back_by_later_calls(tmp_path):
    asked = []

    def ask(text):
        def answer():
            asked.append(text)
            return text
        return answer

    assert toolchain_answers.remembered(str(tmp_path), "key A", ask("answer A")) == "answer A"
    assert toolchain_answers.remembered(str(tmp_path), "key A", ask("other")) == "answer A"
    assert toolchain_answers.remembered(str(tmp_path), "key B", ask("answer B")) == "answer B"
    assert asked == ["answer A", "answer B"]
    assert toolchain_answers.remembered(str(tmp_path), None, ask("no key")) == "no key"
    assert toolchain_answers.remembered(str(tmp_path), None, ask("no key")) == "no key"
    assert asked[2:] == ["no key", "no key"]
    kept = os.listdir(tmp_path)  # one file per key, no temporary left
    assert len(kept) == 2 and all(f.startswith(toolchain_answers.PREFIX) for f in kept)


def test_the_signature_read_back_is_the_one_gcc_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("EQSIM_CACHE_DIR", str(tmp_path))
    compiler._toolchain_signature.cache_clear()
    try:
        asked = compiler._toolchain_signature()
        assert [f for f in os.listdir(tmp_path) if f.startswith(toolchain_answers.PREFIX)]
        compiler._toolchain_signature.cache_clear()
        monkeypatch.setattr(compiler, "_run", lambda command: (_ for _ in ()).throw(
            AssertionError(f"asked gcc again: {command}")))
        assert compiler._toolchain_signature() == asked
        assert "gcc " in asked and "-march=" in asked
    finally:
        compiler._toolchain_signature.cache_clear()
