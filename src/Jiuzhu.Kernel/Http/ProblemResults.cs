using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiuzhu.Kernel.Http;

/// <summary>Turns an <see cref="Error"/> into RFC 9457 problem details with a stable code and a Chinese message.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult From(Error error) => TypedResults.Problem(
        title: error.Status switch
        {
            401 => "未登录",
            403 => "无权操作",
            404 => "未找到",
            409 => "冲突",
            _ => "请求有误",
        },
        detail: error.Message,
        statusCode: error.Status,
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    /// <summary>200 with the value, or the error as problem details.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Respond<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : From(result.Error!);
}
