//! The `anycom` tool, run as the built binary: every subcommand's success
//! and failure (exit status and the message a person reads), `--help`
//! everywhere, the choice of layer (`--registry`, `--user`, `--app`,
//! `ANYCOM_REGISTRY`), and two batches of tool processes registering into
//! the same module at once without losing a class.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_anycom");
const CLSID: &str = "{6B29FC40-CA47-1067-B31D-00DD010662DA}";

/// A sandbox: a temporary HOME (so the real per-user registry is never
/// touched), a registry directory, and a module file.
struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let s = Sandbox {
            root: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(s.home()).unwrap();
        s
    }
    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }
    fn reg(&self) -> PathBuf {
        self.root.path().join("reg")
    }
    fn module(&self, name: &str) -> PathBuf {
        let p = self.root.path().join(name);
        std::fs::write(&p, b"").unwrap();
        p.canonicalize().unwrap()
    }
    fn command(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env_remove("ANYCOM_REGISTRY")
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join("xdg"))
            .env("APPDATA", self.home().join("appdata"))
            .current_dir(self.root.path());
        c
    }
    fn run(&self, args: &[&str]) -> Run {
        Run(self.command().args(args).output().unwrap())
    }
    /// `anycom --registry <reg> args…`
    fn reg_run(&self, args: &[&str]) -> Run {
        let reg = self.reg();
        let mut all = vec!["--registry", reg.to_str().unwrap()];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0.status.code().unwrap()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    fn ok(&self) -> &Self {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    fn fails(&self, code: i32, stderr_has: &str) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        assert!(
            self.stderr().contains(stderr_has),
            "stderr {:?} lacks {stderr_has:?}",
            self.stderr()
        );
        self
    }
    #[track_caller]
    fn stdout_has(&self, s: &str) -> &Self {
        assert!(
            self.stdout().contains(s),
            "stdout {:?} lacks {s:?}",
            self.stdout()
        );
        self
    }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect()
}

#[test]
fn smoke_register_show_list_unregister() {
    let s = Sandbox::new();
    let m = s.module("libcalc.so");
    let m_str = m.to_str().unwrap();
    s.reg_run(&[
        "register",
        "libcalc.so",
        "--clsid",
        "6b29fc40-ca47-1067-b31d-00dd010662da",
        "--threading-model",
        "apartment",
        "--progid",
        "Contoso.Calc.1",
        "--version-independent-progid",
        "Contoso.Calc",
        "--description",
        "Contoso calculator",
    ])
    .ok()
    .stdout_has(&format!(
        "registered {CLSID} (Contoso.Calc.1) in the dir layer {}",
        s.reg().display()
    ));
    let files = toml_files(&s.reg());
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        text.contains(&format!("module = {m_str:?}")),
        "relative path made absolute and canonical:\n{text}"
    );

    for key in [CLSID, "Contoso.Calc", "contoso.calc.1"] {
        s.reg_run(&["show", key])
            .ok()
            .stdout_has(&format!("CLSID:                    {CLSID}"))
            .stdout_has("ProgID:                   Contoso.Calc.1")
            .stdout_has("VersionIndependentProgID: Contoso.Calc")
            .stdout_has("ThreadingModel:           Apartment")
            .stdout_has(&format!("InprocServer32:           {m_str}"))
            .stdout_has("Description:              Contoso calculator")
            .stdout_has(&format!(
                "File:                     {}:7",
                files[0].display()
            ));
    }
    let list = s.reg_run(&["list"]);
    list.ok()
        .stdout_has(CLSID)
        .stdout_has("Contoso.Calc.1")
        .stdout_has("Apartment")
        .stdout_has(m_str);
    assert_eq!(
        list.stdout().lines().count(),
        2,
        "a header and one class:\n{}",
        list.stdout()
    );
    assert_eq!(list.stderr(), "");

    s.reg_run(&["unregister", m_str])
        .ok()
        .stdout_has(&format!("unregistered {m_str}"));
    assert!(toml_files(&s.reg()).is_empty());
    s.reg_run(&["show", CLSID])
        .fails(1, &format!("class {CLSID} is not registered in:"));
    s.reg_run(&["list"])
        .ok()
        .stdout_has("no classes registered in:");
}

#[test]
fn help_everywhere() {
    let s = Sandbox::new();
    s.run(&["--help"])
        .ok()
        .stdout_has("register")
        .stdout_has("unregister")
        .stdout_has("list")
        .stdout_has("show");
    s.run(&["register", "--help"])
        .ok()
        .stdout_has("--clsid")
        .stdout_has("--threading-model")
        .stdout_has("--registry");
    s.run(&["unregister", "--help"]).ok().stdout_has("<MODULE>");
    s.run(&["list", "--help"]).ok().stdout_has("status 1");
    s.run(&["show", "--help"]).ok().stdout_has("ProgID");
    s.run(&["help", "register"])
        .ok()
        .stdout_has("DllRegisterServer");
    s.run(&[]).fails(2, "Usage: anycom");
}

#[test]
fn register_failures_say_what_to_do() {
    let s = Sandbox::new();
    s.module("libcalc.so");
    s.reg_run(&["register", "libmissing.so", "--clsid", CLSID])
        .fails(1, "anycom: error: module libmissing.so: ")
        .fails(1, "give the path of an existing shared library");
    s.reg_run(&["register", "libcalc.so", "--clsid", "6b29fc40"])
        .fails(2, "invalid value '6b29fc40' for '--clsid <GUID>'");
    s.reg_run(&[
        "register",
        "libcalc.so",
        "--clsid",
        CLSID,
        "--threading-model",
        "Rental",
    ])
    .fails(2, "unknown ThreadingModel \"Rental\"");
    s.reg_run(&["register", "libcalc.so", "--threading-model", "Free"])
        .fails(2, "--clsid <GUID>");
    s.reg_run(&[
        "register",
        "libcalc.so",
        "--clsid",
        CLSID,
        "--progid",
        "Has Space",
    ])
    .fails(1, "contains ' '");
    // Without --clsid the module is loaded: an empty file is no library.
    s.reg_run(&["register", "libcalc.so"])
        .fails(1, "loading failed: the file is not a shared library")
        .fails(1, "[0x800401F8 (CO_E_DLLNOTFOUND)]");
    s.reg_run(&["register", "libmissing.so"])
        .fails(1, "module libmissing.so does not exist");
    s.reg_run(&["register", "."]).fails(1, "");
    assert!(
        toml_files(&s.reg()).is_empty(),
        "no failed registration wrote anything"
    );
    s.run(&["--registry", "x", "--system", "list"])
        .fails(2, "cannot be used with");
}

#[test]
fn unregister_and_show_failures() {
    let s = Sandbox::new();
    let m = s.module("libcalc.so");
    s.reg_run(&["unregister", m.to_str().unwrap()])
        .fails(1, "is not registered in");
    s.reg_run(&["show", "Nobody.Home"])
        .fails(1, "no class has the ProgID \"Nobody.Home\" in:");
    s.reg_run(&["show", CLSID]).fails(1, "is not registered");
}

#[test]
fn list_reports_malformed_files_with_status_1_and_still_lists_the_rest() {
    let s = Sandbox::new();
    s.module("libcalc.so");
    s.reg_run(&["register", "libcalc.so", "--clsid", CLSID])
        .ok();
    let bad = s.reg().join("broken.toml");
    std::fs::write(
        &bad,
        "module = \"/x/libbroken.so\"\n\n[[class]]\nclsid = \"not a guid\"\n",
    )
    .unwrap();
    let list = s.reg_run(&["list"]);
    list.fails(
        1,
        &format!(
            "anycom: problem: {}:4:9: `clsid` \"not a guid\" is not a GUID",
            bad.display()
        ),
    );
    list.stdout_has(CLSID);
    assert!(list.stderr().contains("1 problem(s) found"));
    // show still finds the good class, and says what may hide a missing one.
    s.reg_run(&["show", CLSID]).ok();
    s.reg_run(&["show", "Missing.Thing"])
        .fails(1, "1 registry file problem(s) may hide it");
}

#[test]
fn show_warns_about_a_missing_module_and_lists_shadowed_entries() {
    let s = Sandbox::new();
    let (m1, m2) = (s.module("libone.so"), s.module("libtwo.so"));
    let user_reg = s.home().join("xdg").join("anycom").join("registry");
    // ANYCOM_REGISTRY (searched first) and the user registry both have the class.
    let env_run = |args: &[&str]| {
        Run(s
            .command()
            .env("ANYCOM_REGISTRY", s.reg())
            .args(args)
            .output()
            .unwrap())
    };
    env_run(&["register", m1.to_str().unwrap(), "--clsid", CLSID])
        .ok()
        .stdout_has(&s.reg().display().to_string());
    env_run(&["--user", "register", m2.to_str().unwrap(), "--clsid", CLSID])
        .ok()
        .stdout_has(&user_reg.display().to_string());
    if cfg!(target_os = "linux") {
        assert_eq!(toml_files(&user_reg).len(), 1);
    }
    let show = env_run(&["show", CLSID]);
    show.ok()
        .stdout_has(&format!("InprocServer32:           {}", m1.display()))
        .stdout_has(&format!("Shadowed:                 {}", m2.display()));
    env_run(&["list"]).ok().stdout_has("(shadowed: not used)");
    std::fs::remove_file(&m1).unwrap();
    env_run(&["show", CLSID]).ok();
    assert!(
        env_run(&["show", CLSID])
            .stderr()
            .contains("does not exist; activating this class will fail")
    );
}

#[test]
fn anycom_registry_is_the_default_write_layer_and_flags_override_it() {
    let s = Sandbox::new();
    let m = s.module("libcalc.so");
    let env_dir = s.root.path().join("env-reg");
    let with_env = |args: &[&str]| {
        Run(s
            .command()
            .env("ANYCOM_REGISTRY", &env_dir)
            .args(args)
            .output()
            .unwrap())
    };
    with_env(&["register", "libcalc.so", "--clsid", CLSID])
        .ok()
        .stdout_has("in the env layer");
    assert_eq!(toml_files(&env_dir).len(), 1);
    // --registry wins over the variable.
    with_env(&[
        "--registry",
        s.reg().to_str().unwrap(),
        "register",
        "libcalc.so",
        "--clsid",
        CLSID,
    ])
    .ok();
    assert_eq!(toml_files(&s.reg()).len(), 1);
    // --app writes the application's manifest.
    let exe = s.module("viewer");
    with_env(&[
        "register",
        "--app",
        exe.to_str().unwrap(),
        "libcalc.so",
        "--clsid",
        CLSID,
    ])
    .ok()
    .stdout_has("in the app layer");
    assert_eq!(toml_files(&s.root.path().join("viewer.anycom")).len(), 1);
    // Without the variable or a flag, the per-user registry.
    s.run(&["register", "libcalc.so", "--clsid", CLSID])
        .ok()
        .stdout_has("in the user layer");
    if cfg!(target_os = "linux") {
        assert_eq!(toml_files(&s.home().join("xdg/anycom/registry")).len(), 1);
    }
    with_env(&["unregister", m.to_str().unwrap()])
        .ok()
        .stdout_has("from the env layer");
    assert!(toml_files(&env_dir).is_empty());
    assert_eq!(toml_files(&s.reg()).len(), 1, "other layers untouched");
}

#[test]
fn concurrent_tool_processes_registering_into_one_module_all_land() {
    const PER_BATCH: usize = 8;
    let s = Sandbox::new();
    s.module("libshared.so");
    let clsid = |i: usize| format!("{{0E000000-0000-0000-0000-{i:012X}}}");
    for batch in 0..2 {
        let children: Vec<_> = (0..PER_BATCH)
            .map(|j| {
                let i = batch * PER_BATCH + j;
                s.command()
                    .args([
                        "--registry",
                        s.reg().to_str().unwrap(),
                        "register",
                        "libshared.so",
                        "--clsid",
                        &clsid(i),
                    ])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            Run(c.wait_with_output().unwrap()).ok();
        }
    }
    let list = s.reg_run(&["list"]);
    list.ok();
    for i in 0..2 * PER_BATCH {
        list.stdout_has(&clsid(i));
    }
    assert_eq!(list.stdout().lines().count(), 1 + 2 * PER_BATCH);
    assert_eq!(toml_files(&s.reg()).len(), 1);
}
