// One moto_server for the whole run, on a free loopback port, and the strict AWS layer in front of
// it (answers as real AWS does where moto forgives); both stopped by their pids at the end.
import type { TestProject } from 'vitest/node'
import { startMoto, type Moto } from '../../scripts/moto.mjs'
import { startStrictAws, type StrictAws } from '../../scripts/strict-aws.mjs'

let moto: Moto | undefined
let strict: StrictAws | undefined

export async function setup(project: TestProject): Promise<void> {
  moto = await startMoto()
  try {
    strict = await startStrictAws({ upstream: moto.endpoint })
  } catch (error) {
    await moto.stop()
    throw error
  }
  project.provide('motoEndpoint', moto.endpoint)
  project.provide('awsEndpoint', strict.endpoint)
}

export async function teardown(): Promise<void> {
  await strict?.stop()
  await moto?.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Raw moto_server: for test-side setup and inspection. */
    motoEndpoint: string
    /** The strict AWS layer in front of moto: the endpoint the action under test is pointed at. */
    awsEndpoint: string
  }
}
