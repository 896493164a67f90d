export function freePort(): Promise<number>;
export function startThrowAwayPostgres(options?: { timeoutMs?: number }): Promise<{ url: string; stop(): Promise<void> }>;
