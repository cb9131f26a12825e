//! The STA pump for C hosts (anycom extensions; Windows has its message
//! loop instead): `AnyComPumpMessages`, `AnyComGetPumpHandle`, `AnyComPostQuit`.

use crate::constants::INFINITE;
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::apartment::pump::{self, PumpStatus};
use crate::runtime::init;
use crate::types::DWORD;
use std::time::Duration;

fn status(r: crate::Result<PumpStatus>) -> HRESULT {
    match r {
        Ok(PumpStatus::Idle) => S_OK,
        Ok(PumpStatus::Quit) => S_FALSE,
        Err(e) => e.code(),
    }
}

/// Runs the work queued to the calling STA. `dwMilliseconds` 0: only what
/// is pending now; `INFINITE`: until a quit request; otherwise for at most
/// that long. `S_OK` when it returned without a quit request, `S_FALSE`
/// when a quit request was pending (and is now consumed).
/// `CO_E_NOTINITIALIZED` on an uninitialized thread, `RPC_E_WRONG_THREAD`
/// in the MTA.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn AnyComPumpMessages(dw_milliseconds: DWORD) -> HRESULT {
    crate::__route!(AnyComPumpMessages(dw_milliseconds));
    guard(|| match dw_milliseconds {
        0 => status(pump::pump_pending()),
        INFINITE => status(pump::pump_until_quit().map(|()| PumpStatus::Quit)),
        ms => status(pump::pump_for(Duration::from_millis(ms.into()))),
    })
}

/// Writes the calling STA's pollable handle (a file descriptor on Unix, an
/// event `HANDLE` on Windows) to `*pHandle`: readable while work is queued or
/// a quit request is pending. Call `AnyComPumpMessages(0)` when it is. The
/// handle belongs to the apartment: never close it. Null `pHandle` is
/// `E_POINTER`; on failure `*pHandle` is -1.
///
/// # Safety
/// `p_handle` null or valid for a write.
pub unsafe extern "system" fn AnyComGetPumpHandle(p_handle: *mut isize) -> HRESULT {
    crate::__route!(AnyComGetPumpHandle(p_handle));
    guard(|| {
        if p_handle.is_null() {
            return E_POINTER;
        }
        let r = init::current_sta().and_then(|(apt, _)| apt.pump_handle());
        let (h, hr) = match r {
            Ok(h) => (h, S_OK),
            Err(e) => (-1, e.code()),
        };
        // SAFETY: valid per the caller.
        unsafe { *p_handle = h };
        hr
    })
}

/// Asks the calling STA's pump to return `S_FALSE` once the work queued
/// before now has run (`PostQuitMessage`).
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn AnyComPostQuit() -> HRESULT {
    crate::__route!(AnyComPostQuit());
    guard(
        || match init::current_sta().and_then(|(apt, _)| apt.post_quit()) {
            Ok(()) => S_OK,
            Err(e) => e.code(),
        },
    )
}
