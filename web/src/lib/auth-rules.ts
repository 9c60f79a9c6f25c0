// The contract's rules for accounts, checked in the browser before asking the server
// (the server checks them again and its answer wins).

export function isValidLogin(login: string): boolean {
  const v = login.trim();
  return /^1\d{10}$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

export function isValidPassword(password: string): boolean {
  return (
    password.length >= 8 &&
    password.length <= 128 &&
    /[A-Za-z]/.test(password) &&
    /\d/.test(password)
  );
}

export function isValidDisplayName(name: string): boolean {
  const n = name.trim().length;
  return n >= 1 && n <= 30;
}
