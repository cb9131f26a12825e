//! `CoRegisterClassObject`, `CoRevokeClassObject`, `CoSuspendClassObjects`,
//! `CoResumeClassObjects`, `CoAddRefServerProcess`, `CoReleaseServerProcess`.

use crate::guid::CLSID;
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::class_table;
use crate::types::{DWORD, ULONG};
use core::ffi::c_void;

/// Registers a class object in the calling thread's apartment (see
/// [`class_table`](crate::runtime::class_table) for the rules). Null `rclsid`,
/// `pUnk` or `lpdwRegister`, unknown `CLSCTX`/`REGCLS` bits, a context with
/// no server bit, or both `REGCLS_MULTIPLEUSE` and `REGCLS_MULTI_SEPARATE`
/// are `E_INVALIDARG`; an uninitialized thread outside the implicit MTA is
/// `CO_E_NOTINITIALIZED`. `*lpdwRegister` is 0 on failure.
///
/// # Safety
/// `rclsid` null or valid; `p_unk` null or a live COM object;
/// `lpdw_register` null or valid for a write.
pub unsafe extern "system" fn CoRegisterClassObject(
    rclsid: *const CLSID,
    p_unk: *mut c_void,
    dw_cls_context: DWORD,
    flags: DWORD,
    lpdw_register: *mut DWORD,
) -> HRESULT {
    guard(|| {
        if lpdw_register.is_null() || p_unk.is_null() || rclsid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: valid per the caller.
        unsafe { *lpdw_register = 0 };
        // SAFETY: rclsid and p_unk are valid per the caller.
        match unsafe { class_table::register_raw(&*rclsid, p_unk, dw_cls_context, flags) } {
            Ok(cookie) => {
                // SAFETY: as above.
                unsafe { *lpdw_register = cookie };
                S_OK
            }
            Err(e) => e.code(),
        }
    })
}

/// Revokes a registration made in the calling thread's apartment and
/// releases its class object. Unknown or already revoked:
/// `CO_E_OBJNOTREG`; made in another apartment: `RPC_E_WRONG_THREAD`.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoRevokeClassObject(dw_register: DWORD) -> HRESULT {
    guard(|| match class_table::revoke_class_object(dw_register) {
        Ok(()) => S_OK,
        Err(e) => e.code(),
    })
}

/// Stops every registered class object from being found until `CoResumeClassObjects`.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoSuspendClassObjects() -> HRESULT {
    guard(|| {
        class_table::suspend_class_objects();
        S_OK
    })
}

/// Makes every registered class object findable (including those registered `REGCLS_SUSPENDED`).
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoResumeClassObjects() -> HRESULT {
    guard(|| {
        class_table::resume_class_objects();
        S_OK
    })
}

/// Increments the process-wide server reference count; returns the new count.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoAddRefServerProcess() -> ULONG {
    guard(class_table::add_ref_server_process)
}

/// Decrements the process-wide server reference count and returns it;
/// reaching zero suspends every class object.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoReleaseServerProcess() -> ULONG {
    guard(class_table::release_server_process)
}
