using CloudSharkHardening.Remediators.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CloudSharkHardening.Agent.Engine;

/// <summary>
/// The engine's one retry policy: transient failures only (a file rewritten between check
/// and apply, a bus not up yet), a few attempts with jittered back-off, each bounded in time.
/// </summary>
public static class RetryPipeline
{
    public static ResiliencePipeline Create(TimeProvider time, TimeSpan attemptTimeout, TimeSpan firstRetryDelay) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HardeningException>(e => e.IsTransient).Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstRetryDelay,
                UseJitter = true,
            })
            .AddTimeout(attemptTimeout)
            .Build();
}
