/**
 * Bucket administration: create a missing bucket with secure defaults, and read or write its policy.
 * Separate from the object store: these calls happen once per run at most, and need other permissions.
 */
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3'
import { errorName, errorStatus, wrapAwsError } from '../core/errors.js'

export class BucketAdmin {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly region: string,
  ) {}

  async exists(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }))
      return true
    } catch (error) {
      if (
        errorStatus(error) === 404 ||
        errorName(error) === 'NotFound' ||
        errorName(error) === 'NoSuchBucket'
      )
        return false
      throw wrapAwsError(
        `check that bucket ${this.bucket} exists (HeadBucket)`,
        's3:ListBucket',
        error,
      )
    }
  }

  /**
   * Create the bucket with the secure defaults: object ownership "bucket owner enforced" (ACLs off), all
   * public access blocked, versioning on (an overwritten or deleted object can always be recovered),
   * default encryption SSE-S3.
   */
  async createSecure(): Promise<void> {
    const Bucket = this.bucket
    const step = async (what: string, permission: string, send: () => Promise<unknown>) => {
      try {
        await send()
      } catch (error) {
        throw wrapAwsError(`${what} of new bucket ${Bucket}`, permission, error)
      }
    }
    await step('create', 's3:CreateBucket and s3:PutBucketOwnershipControls', () =>
      this.client.send(
        new CreateBucketCommand({
          Bucket,
          ObjectOwnership: 'BucketOwnerEnforced',
          CreateBucketConfiguration:
            this.region === 'us-east-1'
              ? undefined
              : { LocationConstraint: this.region as BucketLocationConstraint },
        }),
      ),
    )
    await step('block public access', 's3:PutBucketPublicAccessBlock', () =>
      this.client.send(
        new PutPublicAccessBlockCommand({
          Bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      ),
    )
    await step('turn on versioning', 's3:PutBucketVersioning', () =>
      this.client.send(
        new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }),
      ),
    )
    await step('turn on default encryption', 's3:PutEncryptionConfiguration', () =>
      this.client.send(
        new PutBucketEncryptionCommand({
          Bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
                BucketKeyEnabled: true,
              },
            ],
          },
        }),
      ),
    )
  }

  /** The bucket policy text, or undefined when the bucket has none. */
  async policy(): Promise<string | undefined> {
    try {
      const response = await this.client.send(new GetBucketPolicyCommand({ Bucket: this.bucket }))
      return response.Policy
    } catch (error) {
      if (errorName(error) === 'NoSuchBucketPolicy') return undefined
      throw wrapAwsError(
        `read the policy of bucket ${this.bucket} (GetBucketPolicy)`,
        's3:GetBucketPolicy',
        error,
      )
    }
  }

  async putPolicy(policy: string): Promise<void> {
    try {
      await this.client.send(new PutBucketPolicyCommand({ Bucket: this.bucket, Policy: policy }))
    } catch (error) {
      throw wrapAwsError(
        `write the policy of bucket ${this.bucket} (PutBucketPolicy)`,
        's3:PutBucketPolicy',
        error,
      )
    }
  }

  async deletePolicy(): Promise<void> {
    try {
      await this.client.send(new DeleteBucketPolicyCommand({ Bucket: this.bucket }))
    } catch (error) {
      throw wrapAwsError(
        `delete the policy of bucket ${this.bucket} (DeleteBucketPolicy)`,
        's3:DeleteBucketPolicy',
        error,
      )
    }
  }
}
