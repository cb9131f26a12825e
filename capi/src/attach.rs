//! `AnyComAttachRuntime`: one runtime per process. When a Rust host's
//! loader loads a C or C++ module linked against libanycom, it looks the
//! export up through the module (finding libanycom's) and calls it with the
//! host's runtime table; from then on libanycom's stateful functions forward
//! to the host's runtime (see `anycom_core::runtime::attach`). When
//! libanycom's own loader loads a module, the module is handed libanycom's
//! table, and attaching libanycom to itself changes nothing.

use anycom_core::HRESULT;
use anycom_core::runtime::attach::AnyComRuntime;

/// `const void *AnyComGetRuntime(void)`: libanycom's runtime table (the
/// host's, if libanycom is itself attached), for a C host that `dlopen`s a
/// module itself and attaches it with the module's `AnyComAttachRuntime`.
#[unsafe(no_mangle)]
pub extern "system" fn AnyComGetRuntime() -> *const core::ffi::c_void {
    anycom_core::runtime::attach::AnyComGetRuntime()
}

/// `HRESULT AnyComAttachRuntime(const AnyComRuntime *runtime)`.
///
/// # Safety
/// As for `anycom_core::runtime::attach::AnyComAttachRuntime`: `runtime` is
/// null or a valid table that outlives libanycom.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn AnyComAttachRuntime(runtime: *const AnyComRuntime) -> HRESULT {
    // SAFETY: forwarded contract.
    unsafe { anycom_core::runtime::attach::AnyComAttachRuntime(runtime) }
}
