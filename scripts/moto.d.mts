export interface Moto {
  endpoint: string
  pid: number
  reset(): Promise<void>
  stop(): Promise<void>
}
export function freePort(): Promise<number>
export function motoCommand(): string
export function startMoto(options?: { timeoutMs?: number }): Promise<Moto>
