//! Explains the close codes given on the command line (default: a sample of interesting ones).

use std::process::ExitCode;

use wsclose::CloseCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = if args.is_empty() {
        ["1000", "1006", "1014", "3000", "4999", "5000"]
            .map(String::from)
            .to_vec()
    } else {
        args
    };
    let mut status = ExitCode::SUCCESS;
    for arg in &args {
        match arg.parse::<u16>() {
            Ok(value) => {
                let code = CloseCode::new(value);
                println!(
                    "{:<34} category={:<12} sendable={:<5} local_only={:<5} browser_closeable={:<5} ok={:<5} reconnect={}",
                    code.to_string(),
                    code.category().to_string(),
                    code.is_sendable(),
                    code.is_local_only(),
                    code.is_browser_closeable(),
                    code.is_ok(),
                    code.reconnect(),
                );
            }
            Err(err) => {
                eprintln!("{arg:?} is not a close code (0-65535): {err}");
                status = ExitCode::from(2);
            }
        }
    }
    status
}
