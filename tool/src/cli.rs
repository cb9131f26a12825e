//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use anycom::GUID;
use anycom_loader::registry::ThreadingModel;
use clap::{Args, Parser, Subcommand};

/// Manage anycom's class registry: register in-process COM servers (shared
/// libraries), unregister them, list and show registered classes.
///
/// Classes are looked up, first match wins, in: the application's manifest
/// (<exe dir>/<exe name>.anycom/), the directory named by ANYCOM_REGISTRY,
/// the per-user registry, the system registry.
#[derive(Debug, Parser)]
#[command(name = "anycom", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Registry layer")]
    pub layer: LayerArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Which registry layer to write (register, unregister) or to read (list,
/// show).
#[derive(Debug, Args)]
pub struct LayerArgs {
    /// Use the registry directory DIR (created on first write). Without any
    /// layer option, writes go to $ANYCOM_REGISTRY when it is set, else to the
    /// per-user registry; list and show read every layer.
    #[arg(long, global = true, value_name = "DIR", conflicts_with_all = ["user", "system", "app"])]
    pub registry: Option<PathBuf>,

    /// Use the per-user registry (the default for writes when ANYCOM_REGISTRY
    /// is not set).
    #[arg(long, global = true, conflicts_with_all = ["system", "app"])]
    pub user: bool,

    /// Use the system registry (/etc/anycom/registry; %PROGRAMDATA%\anycom\registry
    /// on Windows); writing it usually needs administrator rights.
    #[arg(long, global = true, conflicts_with = "app")]
    pub system: bool,

    /// Use the registration-free manifest of the application EXE
    /// (<EXE dir>/<EXE name>.anycom/).
    #[arg(long, global = true, value_name = "EXE")]
    pub app: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register an in-process server module.
    ///
    /// Without --clsid, loads the module and runs its DllRegisterServer, like
    /// regsvr32: the module records its own classes in the chosen layer.
    /// With --clsid, describes one class of the module without running any
    /// of its code (repeat for each class: the module's other classes are
    /// kept).
    Register(RegisterArgs),
    /// Unregister a module: run its DllUnregisterServer when it loads and has
    /// one (like regsvr32 /u), else remove its registry file(s) from the layer.
    Unregister(UnregisterArgs),
    /// List every registered class and report malformed registry files.
    ///
    /// Exits with status 1 when a registry file is malformed or duplicated,
    /// after listing everything that is usable.
    List(ListArgs),
    /// Show one class, by CLSID ({XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}) or by
    /// ProgID.
    Show(ShowArgs),
}

/// `anycom register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The module (shared library); made absolute and canonical, so it must
    /// exist.
    pub module: PathBuf,

    /// The class identifier, with or without braces.
    #[arg(long, value_name = "GUID")]
    pub clsid: Option<GUID>,

    /// Where the objects live: Apartment, Free, Both or Neutral (leave out
    /// for the main single-threaded apartment).
    #[arg(long, value_name = "MODEL", requires = "clsid")]
    pub threading_model: Option<ThreadingModel>,

    /// The class's ProgID, e.g. Company.Thing.1.
    #[arg(long, value_name = "NAME", requires = "clsid")]
    pub progid: Option<String>,

    /// The version-independent ProgID, e.g. Company.Thing (its current
    /// version is --progid).
    #[arg(long, value_name = "NAME", requires = "clsid")]
    pub version_independent_progid: Option<String>,

    /// A description of the class.
    #[arg(long, value_name = "TEXT", requires = "clsid")]
    pub description: Option<String>,
}

/// `anycom unregister`.
#[derive(Debug, Args)]
pub struct UnregisterArgs {
    /// The module whose registration to remove (it need not exist any more).
    pub module: PathBuf,
}

/// `anycom list`.
#[derive(Debug, Args)]
pub struct ListArgs {}

/// `anycom show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A CLSID ({6B29FC40-CA47-1067-B31D-00DD010662DA}) or a ProgID
    /// (Company.Thing or Company.Thing.1).
    pub class: String,
}
