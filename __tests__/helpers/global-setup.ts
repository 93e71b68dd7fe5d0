// One moto_server for the whole run, on a free loopback port, stopped by its pid at the end.
import type { TestProject } from 'vitest/node'
import { startMoto, type Moto } from '../../scripts/moto.mjs'

let moto: Moto | undefined

export async function setup(project: TestProject): Promise<void> {
  moto = await startMoto()
  project.provide('motoEndpoint', moto.endpoint)
}

export async function teardown(): Promise<void> {
  await moto?.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string
  }
}
